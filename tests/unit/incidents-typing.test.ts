/**
 * Incident typing on sentences written for these tests: each kind in Hindi and English, and the "none"
 * traps (cricket, politics, metaphor, business, science, old verdicts, features) that must stay untyped.
 */
import { describe, expect, it } from 'vitest';
import type { IncidentType } from '../../src/core/types.ts';
import { fold, unfold } from '../../src/incidents/fold.ts';
import { typeIncident } from '../../src/incidents/typing.ts';

const typed = (title: string, lead = '', ...body: string[]) =>
  typeIncident({ title, paragraphs: [lead, ...body].filter(Boolean).map((text) => ({ text })) })?.type ??
  'none';

const CASES: [IncidentType | 'none', string, string, ...string[]][] = [
  [
    'fire',
    'Fire breaks out at garment factory godown in Tiruppur, no casualties',
    'A fire broke out late on Sunday in a godown; six fire tenders doused the flames.',
  ],
  [
    'fire',
    'पटना के कंकड़बाग में कपड़े की दुकान में लगी भीषण आग',
    'रविवार रात दुकान में आग लगने से लाखों का सामान जलकर राख हो गया। दमकल की चार गाड़ियों ने आग पर काबू पाया।',
  ],
  [
    'fire',
    'Two killed as blaze guts shops in Ludhiana market',
    'Two workers were charred to death when a blaze swept through a row of shops.',
  ],
  [
    'explosion',
    'Cylinder blast in Meerut house injures five',
    'An LPG cylinder exploded in a house on Friday morning, injuring five members of a family.',
  ],
  [
    'explosion',
    'सीतापुर में पटाखा गोदाम में विस्फोट, तीन की मौत',
    'बुधवार को एक घर में बने पटाखा गोदाम में जोरदार धमाका हुआ जिसमें तीन लोगों की मौत हो गई।',
  ],
  [
    'attack',
    'Militants attack army convoy in Rajouri, two soldiers killed',
    'Militants ambushed an army convoy on Thursday evening; two soldiers were killed and three injured.',
  ],
  [
    'attack',
    'RJD leader shot dead by bike-borne assailants in Vaishali',
    'Unidentified men on a motorcycle opened fire at the leader outside his home on Monday night.',
  ],
  [
    'attack',
    'पुलवामा में आतंकी हमला, सीआरपीएफ के दो जवान घायल',
    'आतंकवादियों ने गश्त कर रहे जवानों पर गोलीबारी की जिसमें दो जवान घायल हो गए।',
  ],
  [
    'stampede',
    'Stampede at temple fair in Pratapgarh leaves four dead',
    'Four devotees died and a dozen were hurt in a stampede at the fair on Saturday.',
  ],
  ['stampede', 'मेले में भगदड़, दो श्रद्धालुओं की मौत', 'रविवार सुबह स्नान के दौरान मची भगदड़ में दो श्रद्धालुओं की मौत हो गई।'],
  [
    'road-accident',
    'Six killed as bus falls into gorge in Doda',
    'A private bus skidded off the road and plunged into a gorge on Tuesday, killing six passengers.',
  ],
  [
    'road-accident',
    'आगरा में ट्रक और कार की टक्कर में चार की मौत',
    'हाईवे पर तेज रफ्तार ट्रक ने कार को टक्कर मार दी, जिससे कार सवार चार लोगों की मौत हो गई।',
  ],
  [
    'rail-accident',
    'Goods train derails near Katni, traffic hit',
    'Eleven wagons of a goods train derailed near Katni on Wednesday night.',
  ],
  [
    'accident',
    'Boat capsizes in Ganga near Ballia, 10 missing',
    'A boat carrying 30 people capsized in the Ganga on Sunday; ten are missing.',
  ],
  [
    'accident',
    'नदी में नहाने गए तीन किशोरों की डूबकर मौत',
    'गुरुवार को नदी में नहाने गए तीन किशोरों की डूबकर मौत हो गई।',
  ],
  [
    'industrial',
    'Gas leak at pharma unit in Anakapalli, 20 workers hospitalised',
    'Toxic gas leaked from a reactor at the pharma unit on Friday; twenty workers fell ill.',
  ],
  [
    'industrial',
    'धनबाद में अवैध खदान धंसी, तीन मजदूर फंसे',
    'शनिवार को अवैध कोयला खदान में हादसा हुआ, तीन मजदूर अंदर फंसे हैं।',
  ],
  [
    'epidemic',
    'Cholera outbreak in Jajpur village, 40 taken ill',
    'An outbreak of cholera has affected forty people in a village, health officials said.',
  ],
  [
    'epidemic',
    'गोरखपुर में डेंगू के मामले बढ़े, 200 से ज्यादा मरीज',
    'जिले में डेंगू के मामले तेजी से बढ़े हैं और अस्पतालों में 200 से ज्यादा मरीज भर्ती हैं।',
  ],
  [
    'natural-disaster',
    'Cloudburst in Kullu washes away houses, five missing',
    'A cloudburst on Monday night triggered flash floods that washed away six houses.',
  ],
  [
    'natural-disaster',
    'उत्तरकाशी में भूस्खलन, हाईवे बंद',
    'लगातार बारिश के बाद मंगलवार को भूस्खलन से गंगोत्री हाईवे बंद हो गया।',
  ],
  [
    'building-collapse',
    'Three-storey building collapses in Bhiwandi, seven dead',
    'An old three-storey building collapsed early on Saturday, trapping residents.',
  ],
  [
    'building-collapse',
    'बारिश में मकान की छत गिरी, मां-बेटी की मौत',
    'देर रात तेज बारिश के कारण कच्चे मकान की छत गिर गई।',
  ],
  [
    'crime',
    'Jeweller robbed at gunpoint in Kanpur, Rs 20 lakh looted',
    'Four men looted jewellery worth Rs 20 lakh from a shop on Monday evening.',
  ],
  [
    'crime',
    'कारोबारी के बेटे का अपहरण, 50 लाख की फिरौती मांगी',
    'शहर के एक कारोबारी के बेटे का बुधवार को अपहरण कर लिया गया।',
  ],
  [
    'protest',
    'Farmers block highway in Sangrur demanding compensation',
    'Hundreds of farmers staged a protest and blocked the highway on Friday.',
  ],
  [
    'protest',
    'कर्मचारियों का धरना तीसरे दिन भी जारी',
    'वेतन न मिलने से नाराज सफाई कर्मचारियों का धरना शनिवार को भी जारी रहा।',
  ],
  [
    'cyberattack',
    'Ransomware attack hits civic body servers in Pune district',
    'Hackers encrypted the servers of the civic body on Tuesday.',
  ],
  [
    'cyberattack',
    'नगर निगम सर्वर हैक मामले में पुलिस ने केस दर्ज किया',
    'नगर निगम ने बताया कि सर्वर सुबह से ठप है। आशंका है कि इसे हैक कर लिया गया।',
  ],
  // General words reporters use for attacks, killings, arrests and the like (issue 13).
  [
    'attack',
    'Three killed in clashes between two groups in a village',
    'Three people were killed and ten injured in clashes between two groups over a land dispute on Sunday.',
  ],
  [
    'attack',
    'गांव में दो गुटों के बीच हिंसक झड़प, तीन की मौत',
    'जमीन विवाद को लेकर दो गुटों में हुई झड़प में तीन लोगों की मौत हो गई।',
  ],
  [
    'attack',
    'Drone strike kills militant commander near the border',
    'A drone strike killed a militant commander and two of his aides on Friday.',
  ],
  [
    'attack',
    'सीमा पर गोलाबारी में सेना का एक जवान शहीद',
    'नियंत्रण रेखा के पास संघर्ष विराम उल्लंघन में सेना का एक जवान शहीद हो गया।',
  ],
  [
    'explosion',
    // A zero-width joiner inside the conjunct, as many Hindi sites write it.
    'बारूदी सुरंग विस्\u200dफोट में दो जवान घायल',
    'गश्त के दौरान हुए विस्\u200dफोट में दो जवान घायल हो गए।',
  ],
  [
    'crime',
    'Customs officers seize gold worth Rs 2 crore at airport, passenger held',
    'Customs officers seized gold bars from a passenger arriving from abroad and arrested him on Tuesday.',
  ],
  [
    'crime',
    'पुलिस ने दो लोगों को गिरफ्तार कर पांच किलो अफीम जब्त की',
    'पुलिस ने नाकेबंदी के दौरान दो लोगों को गिरफ्तार कर उनके पास से पांच किलो अफीम बरामद की।',
  ],
  [
    'road-accident',
    'Bus accident: driver arrested for negligence',
    'Police arrested the driver of the bus that overturned near the toll plaza on Sunday, killing four passengers.',
  ],
  [
    'fire',
    'Bushfires destroy dozens of homes in coastal towns',
    'Bushfires fanned by strong winds destroyed dozens of homes on Saturday.',
  ],
  ['fire', 'गोदाम आग दुर्घटना में दो की मौत', 'शहर के एक गोदाम में सोमवार रात आग लग गई, जिसमें दो लोगों की मौत हो गई।'],
  [
    'accident',
    'Passenger plane crashes after take-off, all on board killed',
    'A passenger airliner crashed minutes after take-off on Wednesday, killing everyone on board.',
  ],
  [
    'other',
    'Septic tank deaths: two workers die in Thane',
    'Two sanitation workers died while cleaning a septic tank on Monday, police said.',
  ],
  [
    'other',
    'Infant deaths at district hospital rise to 40',
    'The deaths of 40 infants at the district hospital in a month have prompted an inquiry.',
  ],
  [
    'protest',
    'Workers go on nationwide strike over labour codes',
    'Trade unions went on strike on Wednesday and workers held demonstrations in several cities.',
  ],
  [
    'protest',
    'Students take out rallies to protest campus violence',
    'Student groups held rallies in three cities on Tuesday to protest the violence on the campus.',
  ],
  [
    'protest',
    'परिसर में हिंसा के विरोध में छात्रों का प्रदर्शन',
    'परिसर में हुई हिंसा के विरोध में छात्रों ने मंगलवार को विरोध प्रदर्शन किया।',
  ],
  [
    'epidemic',
    'Alert issued over H1N1 in Kozhikode',
    'Health officials confirmed two cases of H1N1 in the district.',
  ],
  // Traps: not one specific incident.
  [
    'none',
    'Avalanche warning issued for three districts',
    'The avalanche study agency issued a warning for the higher reaches on Monday.',
  ],
  ['none', 'मौसम विभाग ने बिजली गिरने की चेतावनी जारी की', 'विभाग ने कहा कि अगले दो दिन आंधी चल सकती है।'],
  ['none', 'केंद्र और राज्य कर चोरी रोकने के उपायों पर सहमत', 'बैठक में कर चोरी के मामलों पर चर्चा हुई।'],
  [
    'none',
    'Fast-track courts to be set up for rape and POCSO cases',
    'The ministry said the courts will hear rape cases faster.',
  ],
  [
    'none',
    'Oil prices surge as tension rises in the Gulf',
    'Oil prices jumped on Tuesday after reports of an attack on a tanker raised tension in the region.',
  ],
  [
    'none',
    "Bumrah's fiery spell rips through Australia's batting",
    "India's pace attack set the match on fire on day two as Bumrah took five wickets.",
  ],
  ['none', 'कप्तान ने कहा, गेंदबाजी आक्रमण ने मैच में आग लगा दी', 'विकेट गिरते रहे और भारतीय टीम ने मैच जीत लिया।'],
  [
    'none',
    'Congress attacks BJP over price rise ahead of Delhi polls',
    'The opposition party launched a sharp attack on the government at a rally in Delhi.',
  ],
  [
    'none',
    'चुनाव से पहले भाजपा पर कांग्रेस का हमला, कहा- महंगाई पर जवाब दे सरकार',
    'कांग्रेस नेताओं ने दिल्ली में प्रेस कॉन्फ्रेंस कर भाजपा सरकार पर हमला बोला।',
  ],
  [
    'none',
    'Minister under fire for remarks on farmers',
    'The minister came under fire from the opposition on Tuesday.',
  ],
  [
    'none',
    'Sensex crashes 800 points as markets bleed',
    'Shares of banks fell sharply as investors sold in a panic.',
  ],
  [
    'none',
    'Scientists find new frog species in Western Ghats',
    'Researchers described the species in a journal this week.',
  ],
  [
    'none',
    'Court sentences three to life for 2016 murder of trader',
    'A sessions court on Monday convicted three men in the eight-year-old murder case.',
  ],
  [
    'none',
    'Actress opens up about her new film and life in Mumbai',
    'In an interview, the actress spoke about her film and fame.',
  ],
  [
    'none',
    'Why floods keep returning to Assam: an explainer',
    'Analysis: experts say embankments and silt are to blame.',
  ],
  [
    'none',
    'Twenty years after the quake, Bhuj remembers',
    'On the anniversary, residents recalled the earthquake that struck in 2001.',
  ],
  [
    'none',
    'Government launches app to report cyber fraud',
    'The app lets citizens report online fraud, the ministry said.',
  ],
  [
    'none',
    'Heart attack: doctors list warning signs',
    'Doctors say a heart attack can be prevented with early tests.',
  ],
  [
    'none',
    'Flood of applications for teacher posts',
    'The board received a flood of applications this year.',
  ],
  [
    'none',
    'Weather: IMD forecasts heavy rain in Kerala this week',
    'The forecast warns of heavy rain; no flood has been reported.',
  ],
  [
    'none',
    'Village fair draws thousands',
    'The annual fair drew families from nearby villages.',
    'Seven years ago a fire broke out at the fair; organisers say safety is better now.',
  ],
];

describe('incident typing', () => {
  it.each(CASES)('%s: %s', (want, title, lead, ...body) => {
    expect(typed(title, lead, ...body)).toBe(want);
  });

  it('decides from the headline and lead: a word in paragraph seven does not make an incident', () => {
    const body = Array.from(
      { length: 6 },
      () => 'The district administration reviewed its plans for the festival.',
    );
    expect(
      typed(
        'Festival plans reviewed in Nashik',
        'Officials met on Monday to review festival plans.',
        ...body,
        'Last year a fire broke out near the ghats.',
      ),
    ).toBe('none');
  });

  it('reads the first sentences as the lead when a page puts everything in one paragraph', () => {
    const neutral = Array.from(
      { length: 5 },
      (_, i) => `Officials reviewed item ${i + 1} of the festival plan.`,
    );
    const late =
      'A fire broke out near the ghats and two people were injured. Fire tenders reached the spot.';
    expect(typed('Festival plans reviewed in Nashik', [...neutral, late].join(' '))).toBe('none');
    expect(typed('Festival plans reviewed in Nashik', [late, ...neutral].join(' '))).toBe('fire');
  });

  it('carries its evidence (the cue and the sentence) and a confidence', () => {
    const t = typeIncident({
      title: 'Fire breaks out at garment factory godown in Tiruppur',
      paragraphs: [
        { text: 'A fire broke out late on Sunday in a godown; six fire tenders doused the flames.' },
      ],
    })!;
    expect(t.type).toBe('fire');
    expect(t.confidence).toBeGreaterThanOrEqual(0.5);
    expect(t.evidence[0]!.location.paragraph).toBeNull();
    expect(t.evidence[0]!.value).toMatch(/fire/i);
    expect(t.evidence.some((e) => e.location.paragraph === 0)).toBe(true);
  });

  it('reports the cue as written, joiner and all, though it matched the folded text', () => {
    const title = 'सुरंग में विस्\u200dफोट, दो घायल';
    const t = typeIncident({ title, paragraphs: [{ text: 'सुरंग में विस्\u200dफोट हुआ और दो मजदूर घायल हुए।' }] })!;
    expect(t.type).toBe('explosion');
    expect(t.evidence[0]!.value).toBe('विस्\u200dफोट');
  });
});

describe('spelling fold', () => {
  it('drops joiners and decomposes nukta letters, and maps spans back to the original', () => {
    const original = 'भग\u0926\u095c में विस्\u200dफोट';
    const f = fold(original);
    expect(f.text).toBe('भग\u0926\u0921\u093c में विस्फोट');
    const at = f.text.indexOf('विस्फोट');
    expect(unfold(original, f, at, at + 'विस्फोट'.length)).toBe('विस्\u200dफोट');
    expect(fold('plain text').index).toBeNull();
  });
});
