import { describe, expect, it } from 'vitest';
import type { Entity } from '../../src/core/types.ts';
import {
  decodeDevanagariAcronym,
  extractEntities,
  loadGazetteer,
  lookupAlias,
  phoneticKey,
  transliterateName,
} from '../../src/entities/index.ts';

function run(text: string, lang: string, gazetteer = loadGazetteer()): Entity[] {
  const ents = extractEntities({ title: '', paragraphs: [{ text, lang }] }, { gazetteer });
  for (const e of ents) for (const m of e.mentions) expect(text.slice(m.start, m.end)).toBe(m.surface);
  return ents;
}

const pairs = (ents: Entity[]): string[] => ents.map((e) => `${e.canonical}/${e.type}`);
/** `canonical/type` of the entities of one type, sorted. */
const typed = (ents: Entity[], type: string): string[] =>
  pairs(ents)
    .filter((p) => p.endsWith(`/${type}`))
    .sort();

describe('decodeDevanagariAcronym', () => {
  it.each([
    ['आईएफएसओ', 'IFSO'],
    ['यूएचआईडी', 'UHID'],
    ['ओपीडी', 'OPD'],
    ['एसओपी', 'SOP'],
    ['आइपीडी', 'IPD'],
    ['सीबीआई', 'CBI'],
    ['एनआईए', 'NIA'],
    ['एफआईआर', 'FIR'],
    ['डब्ल्यूएचओ', 'WHO'],
    ['डबल्यूएचओ', 'WHO'],
    ['एक्सवाईज़ेड', 'XYZ'],
    ['क्यूआर', 'QR'],
    ['ईडी', 'ED'],
    ['एफ़आईआर', 'FIR'],
  ])('%s → %s', (word, acronym) => {
    expect(decodeDevanagariAcronym(word)).toBe(acronym);
  });

  it.each(['एक', 'की', 'के', 'से', 'ने', 'और', 'पर', 'सी', 'ही', 'भी', 'टीके', 'बीबी', 'दिल्ली', 'एम्स', 'जी'])(
    '%s is not an acronym',
    (word) => {
      expect(decodeDevanagariAcronym(word)).toBeUndefined();
    },
  );
});

describe('Hindi sentences', () => {
  it.each([
    ['सीबीआई ने मुंबई में दो अधिकारियों को गिरफ्तार किया।', ['CBI/ORG', 'Mumbai/LOC']],
    ['एनआईए की टीम ने बेंगलुरु और हैदराबाद में छापेमारी की।', ['NIA/ORG', 'Bengaluru/LOC', 'Hyderabad/LOC']],
    ['पुलिस ने एफआईआर दर्ज कर ली है।', ['FIR/ID']],
    ['इसरो ने उपग्रह लॉन्च किया, नासा ने बधाई दी।', ['ISRO/ORG', 'NASA/ORG']],
    ['गृह मंत्री अमित शाह ने नई दिल्ली में बैठक की।', ['Amit Shah/PER', 'New Delhi/LOC']],
    ['सुप्रीम कोर्ट ने चुनाव आयोग से जवाब मांगा है।', ['Supreme Court/ORG', 'Election Commission of India/ORG']],
    [
      'मुख्यमंत्री अरविंद केजरीवाल ने कहा कि दिल्ली सरकार सहयोग करेगी।',
      ['Arvind Kejriwal/PER', 'Delhi Government/ORG'],
    ],
    ['प्रवक्ता राजेश तिवारी ने बताया कि जांच जारी है।', ['Rajesh Tiwari/PER']],
    ['डॉ. सुनीता वर्मा ने कहा कि मरीजों को परेशानी नहीं होगी।', ['Sunita Verma/PER']],
    ['मेवात जिले के बरसाना गांव में घटना हुई।', ['Mewat/LOC', 'Barsana/LOC']],
    ['डब्ल्यूएचओ और आईसीएमआर ने नई गाइडलाइन जारी की।', ['WHO/ORG', 'ICMR/ORG']],
    ['जेडीयू और आरजेडी ने गठबंधन किया। भाजपा ने विरोध किया।', ['JD(U)/ORG', 'RJD/ORG', 'BJP/ORG']],
    ['गृह मंत्रालय ने सर्ट-इन को रिपोर्ट सौंपने को कहा।', ['Ministry of Home Affairs/ORG', 'CERT-In/ORG']],
    ['कोलकाता और चेन्नई में ईडी के छापे पड़े।', ['Kolkata/LOC', 'Chennai/LOC', 'ED/ORG']],
    ['उत्तर प्रदेश और पश्चिम बंगाल में भारी बारिश हुई।', ['Uttar Pradesh/LOC', 'West Bengal/LOC']],
    ['मरीज का यूएचआईडी और आधार कार्ड जरूरी है।', ['UHID/ID', 'Aadhaar/ID']],
    ['इस फैसले के बाद एक्सवाईजेड यूनिट बनाई गई।', ['XYZ/ORG']],
    ['सफदरजंग अस्पताल की ओपीडी बंद रही।', ['Safdarjung Hospital/ORG', 'OPD/ID']],
  ])('%s', (text, want) => {
    expect(pairs(run(text, 'hin'))).toEqual(want);
  });

  it('finds nothing in a sentence of common words (no acronym false positives)', () => {
    expect(run('एक दिन पहले की बात है, उसने भी सी ग्रेड की फिल्म देखी और पर से ही आया।', 'hin')).toEqual([]);
  });

  it('does not take आधार in "के आधार पर" for Aadhaar', () => {
    expect(pairs(run('जांच के आधार पर कार्रवाई होगी।', 'hin'))).toEqual([]);
  });

  it('strips a glued case suffix from the surface', () => {
    const [e] = run('आईएफएसओने मामले की जांच की।', 'hin');
    expect(e.canonical).toBe('IFSO');
    expect(e.mentions[0].surface).toBe('आईएफएसओ');
    expect(e.partOf).toBe('Delhi Police');
  });

  it('merges spelling variants into one entity', () => {
    const ents = run('मुम्बई और बम्बई एक ही शहर है, देहली भी दिल्ली है।', 'hin');
    expect(pairs(ents)).toEqual(['Mumbai/LOC', 'Delhi/LOC']);
    expect(ents[0].mentions.map((m) => m.surface)).toEqual(['मुम्बई', 'बम्बई']);
  });
});

describe('English sentences', () => {
  it.each([
    [
      'The Central Bureau of Investigation (CBI) arrested two officials in Mumbai on Monday.',
      ['CBI/ORG', 'Mumbai/LOC'],
    ],
    [
      'Chief Minister Arvind Kejriwal said the Delhi Police had registered an FIR.',
      ['Arvind Kejriwal/PER', 'Delhi Police/ORG', 'FIR/ID'],
    ],
    [
      'AIIMS director Dr. M Srinivas said the OPD services would resume.',
      ['AIIMS/ORG', 'M. Srinivas/PER', 'OPD/ID'],
    ],
    [
      'Officials from the National Investigation Agency visited Bengaluru and Hyderabad.',
      ['NIA/ORG', 'Bengaluru/LOC', 'Hyderabad/LOC'],
    ],
    ['Union Home Minister Amit Shah chaired a meeting in New Delhi.', ['Amit Shah/PER', 'New Delhi/LOC']],
    ['The Indian Cyber Crime Coordination Centre (I4C) issued an advisory.', ['I4C/ORG']],
    ['Sunil Kumar, a resident of Gurgaon, filed a complaint.', ['Sunil Kumar/PER', 'Gurugram/LOC']],
    [
      'The Supreme Court asked the Election Commission to respond.',
      ['Supreme Court/ORG', 'Election Commission of India/ORG'],
    ],
    [
      'Patients at Safdarjung Hospital and Ram Manohar Lohia Hospital faced queues.',
      ['Safdarjung Hospital/ORG', 'Ram Manohar Lohia Hospital/ORG'],
    ],
    [
      'Rahul Gandhi of the Congress met Mamata Banerjee in Kolkata.',
      ['Rahul Gandhi/PER', 'Congress/ORG', 'Mamata Banerjee/PER', 'Kolkata/LOC'],
    ],
    ['Punjab National Bank said its systems were safe.', ['Punjab National Bank/ORG']],
    ['Police Commissioner Sanjay Arora visited the site. Arora said the probe was on.', ['Sanjay Arora/PER']],
    [
      'Meanwhile, Tata Memorial Hospital in Mumbai reported a similar breach.',
      ['Tata Memorial Hospital/ORG', 'Mumbai/LOC'],
    ],
    [
      'Hackers demanded ransom from AIIMS, and CERT-In and the NIA joined the probe.',
      ['AIIMS/ORG', 'CERT-In/ORG', 'NIA/ORG'],
    ],
    [
      'The ICMR and the WHO issued guidelines for Kerala and Tamil Nadu.',
      ['ICMR/ORG', 'WHO/ORG', 'Kerala/LOC', 'Tamil Nadu/LOC'],
    ],
    ['Patients without a UHID were asked to show their Aadhaar card.', ['UHID/ID', 'Aadhaar/ID']],
  ])('%s', (text, want) => {
    expect(pairs(run(text, 'eng'))).toEqual(want);
  });

  it('drops sentence-initial noise and lowercase aliases', () => {
    const ents = run('However, aap log kahan ja rahe ho? Yesterday it rained.', 'eng');
    expect(pairs(ents)).toEqual([]);
  });
});

describe('alias learning from parentheses', () => {
  it('links a Devanagari acronym to its Latin form', () => {
    const [e] = run('आईएफएसओ (IFSO) यूनिट ने जांच शुरू की।', 'hin');
    expect(e.canonical).toBe('IFSO');
    expect(e.mentions.map((m) => m.surface)).toEqual(['आईएफएसओ', 'IFSO']);
  });

  it('learns an unknown Hindi name from its English form, with no space before the bracket', () => {
    const text =
      'राष्ट्रीय साइबर समन्वय केंद्र(National Cyber Coordination Centre) ने चेतावनी दी। बाद में राष्ट्रीय साइबर समन्वय केंद्र ने सफाई दी।';
    const [e] = run(text, 'hin');
    expect(e.canonical).toBe('National Cyber Coordination Centre');
    expect(e.type).toBe('ORG');
    expect(e.aliases).toContain('राष्ट्रीय साइबर समन्वय केंद्र');
    expect(e.mentions).toHaveLength(3);
  });

  it('links an English long form to its acronym', () => {
    const [e] = run('The Intelligence Fusion and Strategic Operations (IFSO) unit registered a case.', 'eng');
    expect(e.canonical).toBe('IFSO');
    expect(e.mentions.map((m) => m.surface)).toEqual([
      'Intelligence Fusion and Strategic Operations',
      'IFSO',
    ]);
  });

  it('learns an unknown English acronym and reuses it', () => {
    const ents = run('The Cyber Threat Response Group (CTRG) was alerted. Later CTRG issued a note.', 'eng');
    const e = ents.find((x) => x.canonical === 'CTRG');
    expect(e?.type).toBe('ORG');
    expect(e?.mentions).toHaveLength(3);
  });

  it('ignores an agency credit after a dateline', () => {
    const ents = run('नई दिल्ली (PTI) सरकार ने आदेश दिया।', 'hin');
    expect(ents.find((e) => e.canonical === 'New Delhi')?.aliases).not.toContain('PTI');
  });
});

describe('transliteration', () => {
  it('romanises Hindi names to plain ASCII', () => {
    expect(transliterateName('अरविंद केजरीवाल')).toBe('Arvind Kejriwal');
    expect(transliterateName('सुनील कुमार')).toBe('Sunil Kumar');
    expect(transliterateName('राजेश गुप्ता')).toBe('Rajesh Gupta');
    expect(phoneticKey('Arvind Kejriwal')).toBe(phoneticKey(transliterateName('अरविंद केजरीवाल')));
  });

  it('spells person names as papers do, where romanisation cannot know the vowels', () => {
    const person = (n: string) => transliterateName(n, { person: true });
    expect(transliterateName('वी नारायणन')).toBe('V Naraynan');
    expect(person('वी नारायणन')).toBe('V Narayanan');
    expect(person('हरप्रीत कौर गिल')).toBe('Harpreet Kaur Gill');
    expect(person('शुभम चौरसिया')).toBe('Shubham Chaurasia');
    // A spelling the list has is kept, and an unknown word is left as romanised.
    expect(person('अरविंद केजरीवाल')).toBe('Arvind Kejriwal');
    expect(person('कुशाग्र ज़ोरावरपुरी')).toBe(transliterateName('कुशाग्र ज़ोरावरपुरी'));
  });

  it('takes two words spelled like listed name words, ending at a boundary, as a person', () => {
    const ents = run('पुलिस के अनुसार गिरोह का सरगना अहमदाबाद का जिग्नेश ठक्कर है।', 'hin');
    expect(typed(ents, 'PER')).toEqual(['Jignesh Thakkar/PER']);
    // विजय दिवस: one name word and an ordinary one.
    expect(typed(run('शहर में विजय दिवस पर कार्यक्रम हुआ।', 'hin'), 'PER')).toEqual([]);
  });

  it('takes the name after निवासी ("resident of") as a person', () => {
    const ents = run('पुलिस ने नालंदा निवासी मुकेश रंजन को गिरफ्तार किया।', 'hin');
    expect(typed(ents, 'PER')).toEqual(['Mukesh Ranjan/PER']);
  });

  it('uses the gazetteer canonical for a known Hindi name', () => {
    expect(pairs(run('अरविंद केजरीवाल ने बैठक बुलाई।', 'hin'))).toEqual(['Arvind Kejriwal/PER']);
  });

  it('transliterates an unknown name found by a title', () => {
    expect(pairs(run('निदेशक मनोज सिन्हा ने कहा कि सेवाएं बहाल हैं।', 'hin'))).toEqual(['Manoj Sinha/PER']);
  });

  it('matches a Hindi name to a Latin-only user gazetteer entry', () => {
    const gaz = loadGazetteer([{ canonical: 'Ramesh Pokhriyal', type: 'PER', aliases: [] }]);
    expect(pairs(run('रमेश पोखरियाल आज दिल्ली आए।', 'hin', gaz))).toEqual([
      'Ramesh Pokhriyal/PER',
      'Delhi/LOC',
    ]);
  });

  it('merges a Hindi and an English mention of the same unknown person', () => {
    const ents = extractEntities({
      title: '',
      paragraphs: [
        { text: 'प्रवक्ता विकास त्रिपाठी ने बयान जारी किया।', lang: 'hin' },
        { text: 'Spokesperson Vikas Tripathi issued a statement.', lang: 'eng' },
      ],
    });
    const e = ents.find((x) => x.type === 'PER');
    expect(e?.canonical).toBe('Vikas Tripathi');
    expect(e?.mentions.map((m) => m.paragraph)).toEqual([0, 1]);
  });
});

describe('matching rules', () => {
  it('prefers the longest match', () => {
    const ents = run('दक्षिणी दिल्ली जिला पुलिस और दिल्ली पुलिस ने दिल्ली में जांच की।', 'hin');
    expect(pairs(ents)).toEqual(['South Delhi District Police/ORG', 'Delhi Police/ORG', 'Delhi/LOC']);
  });

  it('prefers a longer English name over a place inside it', () => {
    expect(pairs(run('The Delhi High Court heard the plea.', 'eng'))).toEqual(['Delhi High Court/ORG']);
  });

  it('does not match inside a longer word', () => {
    // एम्स (AIIMS) and दिल्ली are not read inside एम्सटर्डम and दिल्लीवाला; the city is a place of its own.
    expect(pairs(run('एम्सटर्डम और दिल्लीवाला जैसे शब्द', 'hin'))).toEqual(['Amsterdam/LOC']);
    expect(pairs(run('Indiana is not India.', 'eng'))).toEqual(['India/LOC']);
  });

  it('matches all-caps acronym aliases case-sensitively', () => {
    expect(pairs(run('They said aap and bjp in lowercase, then AAP.', 'eng'))).toEqual(['AAP/ORG']);
  });

  it('does not join names across a sentence stop', () => {
    const ents = run('He lives in Delhi. Police arrived later.', 'eng');
    expect(pairs(ents)).toEqual(['Delhi/LOC']);
  });

  it('ends a name after a title at the full stop, but not after an initial', () => {
    const ents = run(
      'A report was sought from vice-chancellor Ravi Mehta. Members of staff protested.',
      'eng',
    );
    expect(typed(ents, 'PER')).toEqual(['Ravi Mehta/PER']);
    const judge = run('Justice R. K. Bhandarkar presided.', 'eng').filter((e) => e.type === 'PER');
    expect(judge.map((e) => e.mentions[0]!.surface)).toEqual(['R. K. Bhandarkar']);
  });

  it('a campus of a multi-campus institution is its own organisation; AIIMS Delhi stays AIIMS', () => {
    expect(pairs(run('Doctors at AIIMS Jodhpur treated the injured.', 'eng'))).toEqual(['AIIMS Jodhpur/ORG']);
    expect(pairs(run('एम्स भोपाल के डॉक्टरों ने इलाज किया।', 'hin'))).toEqual(['AIIMS Bhopal/ORG']);
    expect(pairs(run('The server of AIIMS Delhi was hacked.', 'eng'))).toEqual(['AIIMS/ORG']);
  });

  it('an unknown acronym before an identifier word is an ID, else an organisation', () => {
    expect(pairs(run('Customers were asked to update their QZX details at the branch.', 'eng'))).toEqual([
      'QZX/ID',
    ]);
    expect(pairs(run('Officials of the QZX met the press.', 'eng'))).toEqual(['QZX/ORG']);
  });

  it('drops a role phrase in front of a person named by compromise or a title', () => {
    const en = run('Medical Officer Sunil Pandey said the ward was full.', 'eng');
    expect(typed(en, 'PER')).toEqual(['Sunil Pandey/PER']);
    const hi = run('कुलपति नईमा खातून ने बैठक बुलाई।', 'hin');
    expect(hi.filter((e) => e.type === 'PER').map((e) => e.mentions[0]!.surface)).toEqual(['नईमा खातून']);
  });
});

describe('organisation names with "of"', () => {
  it('keeps "of" and the name after it in an unknown organisation, not a separate place', () => {
    const en = run(
      'The Quilting Federation of Goa and the National Institute of Zymology met in Pune.',
      'eng',
    );
    expect(pairs(en).sort()).toEqual([
      'National Institute of Zymology/ORG',
      'Pune/LOC',
      'Quilting Federation of Goa/ORG',
    ]);
  });

  it('leaves out words before "of" that carry no head word', () => {
    const en = run(
      'Shares of Zorvan Seed Company fell as the ICU of Tarvi Medical College filled up.',
      'eng',
    );
    expect(typed(en, 'ORG')).toEqual(['Tarvi Medical College/ORG', 'Zorvan Seed Company/ORG']);
  });

  it('names a district without the word, and keeps prefixed hyphenated words in a name', () => {
    expect(pairs(run('Floods cut off villages in Quorpal District on Sunday.', 'eng'))).toContain(
      'Quorpal/LOC',
    );
    const bank = run(
      'Depositors queued outside the Varzi Co-operative Bank in the Howrah-bound lane.',
      'eng',
    );
    expect(pairs(bank)).toContain('Varzi Co-operative Bank/ORG');
  });

  it('lets a known shorter name win, and leaves ranks alone', () => {
    expect(pairs(run('The Supreme Court of India heard the plea on Monday.', 'eng'))).toContain(
      'Supreme Court/ORG',
    );
    const rank = run('Superintendent of Police Rakesh Verma visited Agra.', 'eng');
    expect(typed(rank, 'ORG')).toEqual([]);
  });
});

describe('organisations named after a place and an institutional head', () => {
  it.each([
    ['मणिपुर लोक सेवा आयोग ने परीक्षा रद्द की।', 'Manipur Public Service Commission'],
    ['मध्य प्रदेश प्रदूषण नियंत्रण बोर्ड ने एनओसी दी।', 'Madhya Pradesh Pollution Control Board'],
    ['मध्य प्रदेश राज्य साइबर पुलिस ने केस दर्ज किया।', 'Madhya Pradesh State Cyber Police'],
    ['कोलकाता मेट्रो की सेवा बाधित रही।', 'Kolkata Metro'],
    ['The Patna University senate met on Monday.', 'Patna University'],
  ])('%s → %s', (text, org) => {
    const ents = run(text, /[a-z]/.test(text) ? 'eng' : 'hin');
    expect(pairs(ents)).toContain(`${org}/ORG`);
  });
});

describe('Hindi places from place nouns', () => {
  it('names a river before नदी and a two-word place ending in a place head before a postposition', () => {
    const ents = run('ज़ोरवा नदी के किनारे और गुरुग्राम के ज़ेमरी विहार में छापा मारा गया।', 'hin');
    expect(typed(ents, 'LOC')).toEqual([
      'Gurugram/LOC',
      `${transliterateName('ज़ेमरी विहार')}/LOC`,
      'Zorva/LOC',
    ]);
  });

  it('does not read a municipal body or a residential colony as a place', () => {
    expect(pairs(run('इंदौर नगर निगम ने रिहायशी कॉलोनी में सफाई शुरू की।', 'hin'))).not.toContain(
      'Rihayshi Koloni/LOC',
    );
    expect(pairs(run('इंदौर नगर निगम ने सफाई शुरू की।', 'hin'))).toEqual(['Indore Municipal Corporation/ORG']);
  });
});

describe('English names from the list of Indian name words', () => {
  it('takes two or three listed name words as a person, and lengthens a shorter person span', () => {
    const en = run(
      'The petition was filed by research scholar Gurpreet Singh Brar and candidate Sunita Mukherjee.',
      'eng',
    );
    expect(typed(en, 'PER')).toEqual(['Gurpreet Singh Brar/PER', 'Sunita Mukherjee/PER']);
  });

  it('leaves schemes and names followed by more capitalised words alone', () => {
    const en = run('Cards under Ayushman Bharat were issued at Ram Manohar Lohia Hospital.', 'eng');
    expect(typed(en, 'PER')).toEqual([]);
  });
});

describe('unknown places after a preposition of place', () => {
  it('takes one or two capitalised words after near/in/through, and a second joined by "and"', () => {
    const en = run(
      'A landslide near Quorvalli Ghat kept pilgrims stranded in Zentar and Xoprayag, and trucks went through Dawlo.',
      'eng',
    );
    expect(pairs(en).sort()).toEqual(['Dawlo/LOC', 'Quorvalli Ghat/LOC', 'Xoprayag/LOC', 'Zentar/LOC']);
  });

  it('leaves languages, months, possessives and longer capitalised runs alone', () => {
    const en = run(
      'The order was issued in Hindi in March, the meeting was held at Qorin’s house and in Very Long Capital Words.',
      'eng',
    );
    expect(typed(en, 'LOC')).toEqual([]);
  });
});

describe('gazetteer', () => {
  it('looks up aliases in either script', () => {
    expect(lookupAlias('एम्स')?.canonical).toBe('AIIMS');
    expect(lookupAlias('all india institute of medical sciences')?.canonical).toBe('AIIMS');
    expect(lookupAlias('मुम्बई')?.canonical).toBe('Mumbai');
    expect(lookupAlias('साउथ दिल्ली पुलिस')).toMatchObject({
      canonical: 'South Delhi District Police',
      type: 'ORG',
    });
    expect(lookupAlias('गृह मंत्रालय')?.canonical).toBe('Ministry of Home Affairs');
    expect(lookupAlias('no such thing')).toBeUndefined();
  });

  it('has a broad built-in gazetteer', () => {
    const gaz = loadGazetteer();
    expect(gaz.entries.length).toBeGreaterThanOrEqual(150);
    expect(loadGazetteer()).toBe(gaz);
  });

  it('extends with user entries and merges aliases into existing canonicals', () => {
    const gaz = loadGazetteer([
      { canonical: 'Kavach Cyber Cell', type: 'ORG', aliases: ['कवच साइबर सेल'], partOf: 'Delhi Police' },
      { canonical: 'AIIMS', type: 'ORG', aliases: ['ऐम्स'] },
    ]);
    expect(lookupAlias('कवच साइबर सेल', gaz)?.partOf).toBe('Delhi Police');
    expect(lookupAlias('ऐम्स', gaz)?.canonical).toBe('AIIMS');
    expect(lookupAlias('एम्स', gaz)?.canonical).toBe('AIIMS');
    const ents = run('कवच साइबर सेल ने ऐम्स को सूचना दी।', 'hin', gaz);
    expect(pairs(ents)).toEqual(['Kavach Cyber Cell/ORG', 'AIIMS/ORG']);
  });
});
