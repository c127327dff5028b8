/**
 * Typing part of the incident lexicon (re-exported by lexicon.ts, the one lexicon): cues that an article
 * reports one specific incident of a kind, the figurative uses that must not count, and the "none" traps
 * (sport, elections and politics, opinion, business, entertainment, science, court verdicts, anniversaries).
 * General knowledge of how Hindi and English news words these things; regular expressions are matched per
 * sentence, Hindi stems without their inflected endings where that is safe.
 */
import type { IncidentType } from '../core/types.ts';

const VEHICLE =
  '(?:car|bus|truck|lorry|jeep|SUV|tractor|trolley|auto(?:-?rickshaw)?|bike|motorcycle|scooter|vehicle|tempo|van|tanker|dumper|pick-?up)';
const HI_VEHICLE = '(?:बस|कार|ट्रक|ट्रैक्टर|ट्रॉली|जीप|बाइक|बाइक|स्कूटी|ऑटो|वाहन|टेंपो|डंपर|पिकअप|टैंकर|गाड़ी)';

/**
 * Incident types with the cues that report one. Order breaks ties: more specific types first (a boiler
 * blast in a factory is an explosion report before an industrial one only when no industrial cue fires).
 */
export const TYPE_CUES: [IncidentType, RegExp][] = [
  [
    'cyberattack',
    /(?:हैक(?:र|िंग|\s+कर|\s+हो)|रैंसमवेयर|रेनसमवेयर|साइबर\s*(?:हमल|अटैक)|मैलवेयर|\bhack(?:ed|ers?|ing)\b|ransomware|cyber[\s-]?attack|malware|cyber\s+intrusion|DDoS)/iu,
  ],
  [
    'data-breach',
    /(?:डेटा\s*लीक|डाटा\s*लीक|डेटा\s*चोरी|data\s+(?:leak|breach)|leaked\s+data|(?:records|data)\s+(?:of\s+[\w\s,]{1,40})?(?:were\s+)?exposed)/iu,
  ],
  [
    'service-outage',
    /(?:सर्वर\s*डाउन|सर्वर\s+(?:\S+\s+){0,2}ठप|सेवाएं?\s+ठप|बिजली\s*गुल|ब्लैकआउट|\boutage\b|(?:servers?|systems?|website|portal|app|services?|network)\s+(?:went\s+|were\s+|was\s+|is\s+|are\s+|remain(?:ed)?\s+|stay(?:ed)?\s+)?(?:down|offline|crashed)\b|\bblackout\b)/iu,
  ],
  ['stampede', /(?:भगदड़|भगदड|\bstampede|crowd\s+crush|crush\s+(?:at|during)\s+(?:a|the)\s+\w+)/iu],
  [
    'industrial',
    /(?:गैस\s*(?:रिसाव|लीक)|जहरीली\s+गैस|ज़हरीली\s+गैस|खदान\s+(?:में\s+)?(?:धंस|हादस|ढह)|(?:फैक्ट्री|कारखाने|फैक्टरी|प्लांट)\s+(?:में\s+)?(?:हादस|विस्फोट|धमाक|आग)|gas\s+leak|toxic\s+(?:gas|fumes)|(?:mine|quarry)\s+(?:collapse|accident|mishap|cave-in)|(?:factory|plant|mill|refinery|pharma\s+unit)\s+(?:accident|mishap|blast|explosion|fire)|industrial\s+accident|(?:boiler|reactor)\s+(?:blast|explo|burst))/iu,
  ],
  [
    'explosion',
    /(?:विस्फोट|धमाक|ब्लास्ट|(?:सिलेंडर|बॉयलर|पटाखा|पटाखे)\s+(?:फट|में\s+विस्फोट)|\bIED\b|\bblasts?\b|explosion|explod|bomb\s+(?:went\s+off|exploded|blast)|(?:cylinder|boiler|firecracker)\s+(?:burst|blast))/iu,
  ],
  [
    'attack',
    /(?:(?:आतंकी|आतंकवादी|उग्रवादी|नक्सली|माओवादी|ग्रेनेड|ड्रोन|जानलेवा|चाकू\s+से|तेजाब|तेज़ाब|एसिड|भीड़\s+का)\s+हमल|हमलावर|गोली\s+मार|गोलियों\s+से\s+भून|गोलीबारी|फायरिंग|ताबड़तोड़\s+गोलि|पीट-?पीटकर|मॉब\s+लिंचिंग|हमले\s+में\s+(?:\S+\s+){0,4}(?:की\s+मौत|घायल|मारे|शहीद)|(?:terror(?:ist)?|militant|Maoist|Naxal|mob|knife|acid|grenade|armed|suicide|drone|rocket|missile|deadly|fidayeen)\s+attack|(?:terrorists?|militants?|Maoists?|Naxals?|Naxalites?|insurgents?|assailants|attackers|miscreants|mob)\s+(?:attack(?:s|ed)?|ambush(?:es|ed)?|kill(?:s|ed)?|open(?:s|ed)?\s+fire|fire\s+at|shoot|shot|stab(?:s|bed)?|torch(?:es|ed)?)|gunmen|opened\s+fire|shot\s+(?:dead|at)|shooting\s+(?:at|in|incident)|stabb(?:ed|ing)|hacked\s+to\s+death|lynch|ambush|attacked\s+(?:with|by)\s+(?:a|an|the)?\s*(?:mob|group|knife|sword|rod|stick|gun|men|assailants|unidentified)|attack\s+on\s+(?:a\s+|an\s+|the\s+)?(?:police|army|security|CRPF|BSF|convoy|camp|post|jawans|soldiers|pilgrims|tourists|devotees|bus|village))/iu,
  ],
  [
    'building-collapse',
    /(?:(?:इमारत|मकान|बिल्डिंग|दीवार|पुल|छत|भवन|घर)\s+(?:\S+\s+)?(?:ढह|ढही|गिर(?:ी|ा|े|ने|\s+गई|\s+गया))|(?:building|house|wall|bridge|roof|structure|flyover|tower|hoarding|ceiling|portion)\s+(?:\w+\s+)?(?:collapsed?|caved\s+in|came\s+down)|collapse\s+of\s+(?:a|an|the)\s+(?:\w+\s+){0,2}(?:building|house|wall|bridge|roof|flyover))/iu,
  ],
  [
    'fire',
    /(?:आग\s+(?:लग|लगी|लगने|में|से|पर\s+काबू|बुझा|की\s+चपेट)|भीषण\s+आग|आगजनी|जलकर\s+(?:राख|खाक|मौत|मर)|ज़िंदा\s+जल|जिंदा\s+जल|\bblaze\b|fire\s+(?:broke|breaks|erupted|engulfed|kills|killed|gutted|swept|raged|at|in)\b|(?:massive|major|huge|minor|devastating|fierce|big|deadly|short[\s-]circuit)\s+fire|caught\s+fire|catches\s+fire|gutted|charred|fire\s*(?:tenders|fighters)|set\s+(?:\w+\s+){0,3}on\s+fire|set\s+ablaze|\barson\b|went\s+up\s+in\s+flames|\bfire\s*:|\bfire\s+(?:case|probe|tragedy|incident|toll|victims))/iu,
  ],
  [
    'rail-accident',
    /(?:(?:ट्रेन|रेल)\s+(?:हादस|दुर्घटना)|पटरी\s+से\s+उतर|(?:ट्रेन|मालगाड़ी|रेलगाड़ी)\s+(?:की\s+)?(?:टक्कर|टकरा|चपेट)|derail|train\s+(?:accident|collision|crash|mishap|tragedy)|trains?\s+collided|(?:hit|mowed\s+down|run\s+over)\s+by\s+(?:a\s+)?train)/iu,
  ],
  [
    'road-accident',
    new RegExp(
      `(?:सड़क\\s+(?:हादस|दुर्घटना)|${HI_VEHICLE}\\s+(?:\\S+\\s+){0,2}(?:पलट|खाई\\s+में\\s+गिर|नदी\\s+में\\s+गिर|अनियंत्रित|टकरा|की\\s+टक्कर|ने\\s+(?:\\S+\\s+)?कुचल|ने\\s+रौंद)|टक्कर\\s+में\\s+(?:\\S+\\s+){0,3}(?:मौत|घायल)|road\\s+(?:accident|crash|mishap)|hit-and-run|${VEHICLE}\\s+(?:\\w+\\s+){0,2}(?:accident|crash(?:es|ed)?|collide[sd]?|collision|overturn(?:s|ed)?|turn(?:s|ed)\\s+turtle|(?:falls?|fell)\\s+(?:into|off)|plunge[sd]?|skid(?:s|ded)|ram(?:s|med)|mow(?:s|ed)|r[au]n\\s+over)|(?:collided|collision)\\s+with\\s+(?:a\\s+|an\\s+)?${VEHICLE})`,
      'iu',
    ),
  ],
  [
    'accident',
    /(?:नाव\s+(?:पलट|डूब)|नौका\s+(?:पलट|डूब)|डूब(?:कर|ने\s+से)\s+(?:\S+\s+){0,2}मौत|(?:विमान|हेलीकॉप्टर|हेलिकॉप्टर|प्लेन)\s+(?:हादस|क्रैश|दुर्घटनाग्रस्त)|करंट\s+(?:लगने|से)|बोरवेल\s+में\s+गिर|(?:boat|ferry|vessel)\s+(?:capsiz(?:es|ed)|sinks|sank|overturn(?:s|ed))|(?:plane|aircraft|helicopter|chopper|jet)\s+(?:crash|crashed|went\s+down)|drown(?:ed|ing)|electrocuted|fell\s+into\s+(?:a|an|the)\s+(?:borewell|well|gorge|drain)|lift\s+(?:crash|collapse|accident))/iu,
  ],
  [
    'epidemic',
    /(?:महामारी|प्रकोप|(?:डेंगू|हैजा|मलेरिया|निपाह|स्वाइन\s+फ्लू|बर्ड\s+फ्लू|खसरा|डायरिया|उल्टी-?दस्त|पीलिया|चिकनगुनिया|जीका|कोरोना|इंसेफेलाइटिस|चमकी\s+बुखार|टाइफाइड|हैजे)\s+(?:के\s+(?:\S+\s+)?(?:मामले|मरीज)|से\s+(?:\S+\s+)?मौत|का\s+(?:कहर|प्रकोप)|फैल|संक्रमित|पॉजिटिव)|\boutbreak|epidemic|(?:dengue|cholera|malaria|Nipah|H1N1|H5N1|swine\s+flu|bird\s+flu|avian\s+influenza|measles|diarrho?ea|jaundice|hepatitis|chikungunya|Zika|Covid(?:-19)?|mpox|encephalitis|typhoid|gastroenteritis)\s+(?:\w+\s+)?(?:cases?|deaths?|death\s+toll|patients|spread|surge|infections?|claims?|kills?|positive|alert))/iu,
  ],
  [
    'natural-disaster',
    /(?:बाढ़|भूकंप|चक्रवात|भूस्खलन|हिमस्खलन|बादल\s+फट|आकाशीय\s+बिजली|वज्रपात|बिजली\s+गिर|ओलावृष्टि|\bfloods?\b|flooding|flash\s+flood|earthquake|\bquake|tremors|cyclone|landslides?|landslips?|cloudburst|avalanche|lightning\s+(?:strikes?|struck|kill)|struck\s+by\s+lightning|tsunami)/iu,
  ],
  [
    'crime',
    /(?:हत्या|मर्डर|लूट|डकैती|अपहरण|अगवा|दुष्कर्म|बलात्कार|गैंगरेप|सामूहिक\s+दुष्कर्म|छेड़छाड़|चोरी|ठगी|फिरौती|तस्करी|\bmurder(?:ed)?\b|killed\s+by\s+(?:her|his|their)\s|robbery|robbed|looted|dacoity|burglary|kidnap|abduct|\braped?\b|gang-?rape|molest|extortion|chain[\s-]snatch|\btheft\b|stolen|smuggl|duped|cheated|defraud|\bscam\b)/iu,
  ],
  [
    'protest',
    /(?:विरोध\s+प्रदर्शन|प्रदर्शन(?:कारी|कारियों)?|धरना|धरने|घेराव|हड़ताल|चक्का\s+जाम|\bprotest(?:s|ed|ers|ing)?\b|demonstrat(?:ion|ors|ed)|agitation|\bdharna\b|sit-in|gherao|\bbandh\b|\bstrike\b(?!\s+(?:rate|force))|blockade|block(?:s|ed)?\s+(?:the\s+)?(?:highway|road|rail\s+tracks|tracks|traffic)|(?:हाईवे|सड़क|रास्ता|मार्ग)\s+जाम\s+(?:कर|किया|लगा))/iu,
  ],
];

/**
 * Figurative or unrelated uses of a type's words, removed from a sentence before its cues are tested:
 * "under fire", "opened fire" (an attack, not a fire), a cricket "attack", a verbal attack, a "flood of".
 */
export const FIGURATIVE: Partial<Record<IncidentType, RegExp>> = {
  fire: /(?:under\s+fire|came\s+under\s+fire|opened\s+fire|(?:open|opening|returned?)\s+fire|ceasefire|cease-fire|firebrand|fire-?power|on\s+fire\b(?!\s+(?:after|when|as|in|at))|fire\s+in\s+the\s+belly|fired\s+up|firing\s+line|fire\s+at\s+(?:the\s+)?(?:government|Centre|opposition|BJP|Congress|PM)|आग\s+(?:बबूला|उगल)|आग\s+में\s+घी)/giu,
  attack:
    /(?:(?:pace|bowling|spin|seam)\s+attack|attacking\s+(?:batting|cricket|intent|shot)|(?:verbal|political|scathing|sharp|fresh|blistering)\s+attack|attack(?:s|ed)?\s+(?:on\s+)?(?:the\s+)?(?:government|Centre|opposition|BJP|Congress|PM|Modi|Rahul|party|chief\s+minister|CM|leadership)|हमला\s+बोल|पर\s+हमला\s+(?:करते|किया\s+और\s+कहा)|जुबानी\s+हमल|सियासी\s+हमल|राजनीतिक\s+हमल|heart\s+attack|panic\s+attack|दिल\s+का\s+दौरा)/giu,
  explosion:
    /(?:population\s+explosion|blast(?:s|ed)?\s+(?:the\s+)?(?:government|Centre|opposition|BJP|Congress|PM|Modi|critics)|blast\s+from\s+the\s+past|धमाकेदार|धमाल)/giu,
  'natural-disaster':
    /(?:flood(?:s|ed)?\s+(?:of|with)\s+(?!water|rain)|floodgates|flood\s+of|(?:price|policy|political|market)\s+(?:earthquake|quake|tremors)|सियासी\s+भूकंप|राजनीतिक\s+भूकंप|बाढ़\s+आ\s+गई\s+है\s+(?:बयान|शिकायत))/giu,
  crime: /(?:(?:cyber|financial)\s+fraud\s+awareness|crime\s+(?:rate|data|statistics)|अपराध\s+दर)/giu,
  protest:
    /(?:(?:lodged|registered|filed)\s+(?:a\s+)?(?:strong\s+)?protest|strike\s+rate|surgical\s+strike|air\s+strikes?|हड़ताल\s+(?:खत्म|समाप्त))/giu,
  'service-outage': /(?:went\s+down\s+(?:by|to)\s+\d|shares?\s+(?:went|were)\s+down)/giu,
};

/** Accident kinds that a bare "accident" / "हादसा" supports once a specific cue has named the kind. */
export const ACCIDENT_FAMILY: IncidentType[] = ['rail-accident', 'road-accident', 'accident', 'industrial'];

/** A bare accident word: types `accident` on its own, supports a specific accident kind when there is one. */
export const GENERIC_ACCIDENT = /(?:\baccident\b|\bmishap\b|हादस|दुर्घटना)/iu;

/** Deaths, injuries, rescue: the marks of an event that happened, which a trap word does not cancel. */
export const CASUALTY =
  /(?:killed|dead|died|dies|death\s+toll|deaths|injured|hurt|wounded|charred|bodies|missing|trapped|rescued|evacuated|मौत|मारे\s+गए|मृत|घायल|जख्मी|ज़ख्मी|शव|लापता|फंसे|झुलस|बचाया|निकाला)/iu;

/**
 * Subjects that are not incident reports. Each is a category, counted once per sentence: a headline about a
 * cricket match or an election is "none" however many incident-like words it uses.
 */
export const NONE_TRAPS: [string, RegExp][] = [
  [
    'sport',
    /(?:\bcricket|\bIPL\b|\bT20|\bODI\b|\bTest\s+(?:match|series)|\bwickets?\b|\binnings\b|\bbatting|\bbowl(?:ing|er|ers|ed)\b|\bbats(?:man|men)\b|\bcentury\b|run[\s-]chase|World\s+Cup|\bRanji\b|\bfootball|\bhockey|\btennis|badminton|Olympic|\bmedals?\b|tournament|semi-?final|\bfinal\b|\bgoals?\b|\bstriker|\bsquad\b|\bskipper|\bmatch(?:es)?\b|क्रिकेट|विकेट|पारी|बल्लेबाज|गेंदबाज|शतक|टी-?20|वनडे|टेस्ट\s+(?:मैच|सीरीज)|\bमैच|वर्ल्ड\s+कप|विश्व\s+कप|ओलंपिक|पदक|टूर्नामेंट|फाइनल|सेमीफाइनल|कप्तान|फुटबॉल|हॉकी|टेनिस|बैडमिंटन)/iu,
  ],
  [
    'election',
    /(?:\belections?\b|\bpolls?\b|\bvoting\b|\bvoters?\b|\bcandidates?\b|\bticket\b|manifesto|campaign|seat[\s-]sharing|by-?election|exit\s+poll|constituenc|\bcoalition|चुनाव|मतदान|मतदाता|प्रत्याशी|उम्मीदवार|टिकट|घोषणापत्र|चुनावी|सीट\s+बंटवारे|गठबंधन)/iu,
  ],
  [
    'politics',
    /(?:\bslams\b|hits\s+out|lashes\s+out|takes?\s+a\s+dig|\bjibe\b|\bretorts?\b|\bcriticis|\ballegations?\b|निशाना\s+साध|पलटवार|तंज|आरोप\s+लगा|बयान\s+पर|सवाल\s+उठा)/iu,
  ],
  [
    'opinion',
    /(?:\bopinion\b|\bop-?ed\b|\bcolumn\b|\beditorial\b|\banalysis\b|\bexplained\b|\bexplainer\b|\binterview\b|\bblog\b|\bperspective\b|what\s+is\s|विश्लेषण|नज़रिया|नजरिया|ब्लॉग|संपादकीय|इंटरव्यू|साक्षात्कार|जानिए|क्या\s+है\s)/iu,
  ],
  [
    'business',
    /(?:\bSensex\b|\bNifty\b|\bshares?\b|\bstocks?\b|stock\s+market|\bIPO\b|\bGDP\b|\binflation\b|\bquarterly\b|\bprofit\b|\brevenue\b|\bearnings\b|\binvestors?\b|repo\s+rate|\bbudget\b|\bstartup|\bfunding\b|\bvaluation\b|शेयर|सेंसेक्स|निफ्टी|मुनाफ|जीडीपी|महंगाई|बजट|निवेशक)/iu,
  ],
  [
    'entertainment',
    /(?:\bfilm\b|\bmovie|\bactor\b|\bactress|box\s+office|\btrailer\b|\bsong\b|\balbum\b|\bconcert\b|\bOTT\b|web\s+series|Bollywood|celebrity|fashion|\brecipe|\breview\b|horoscope|\bbirthday\b|फिल्म|फ़िल्म|अभिनेता|अभिनेत्री|बॉक्स\s+ऑफिस|ट्रेलर|गाना|गीत|कॉन्सर्ट|वेब\s+सीरीज|बॉलीवुड|राशिफल|जन्मदिन)/iu,
  ],
  [
    'science',
    /(?:\bstudy\b|\bresearch(?:ers)?\b|\bscientists?\b|\bISRO\b|\bNASA\b|\bsatellite|\bspacecraft|\bplanet|\bspecies\b|\bfossil|\bjournal\b|अध्ययन|शोध|वैज्ञानिक|इसरो|नासा|उपग्रह|अंतरिक्ष)/iu,
  ],
  [
    'court',
    /(?:\bconvicted\b|\bsentenced\b|\bacquitted\b|\bverdict\b|life\s+imprisonment|\bbail\b|\bhearing\b|\bcourt\b|\bjudgment\b|\bupheld\b|\bquashed\b|\bchargesheet\b|सज़ा|सजा\s|उम्रकैद|आजीवन\s+कारावास|बरी|फैसला|फ़ैसला|जमानत|ज़मानत|सुनवाई|अदालत|कोर्ट|दोषी\s+(?:करार|ठहराया)|चार्जशीट)/iu,
  ],
  [
    'retrospective',
    /(?:anniversary|years?\s+(?:ago|after|since)|remembering|\brecalls?\b|in\s+memory|\btribute|बरसी|साल\s+(?:पहले|बाद)|सालों\s+बाद|याद\s+में|श्रद्धांजलि)/iu,
  ],
  [
    'statistics',
    /(?:\bNCRB\b|\bdata\s+(?:shows?|reveals?)|\bsurvey\b|\bper\s+cent\b|\bpercent\b|\breport\s+(?:says|shows)|आंकड़|सर्वे|प्रतिशत)/iu,
  ],
  [
    'advisory',
    /(?:\bguidelines\b|\badvisory\b|\bmock\s+drill|\bpreparedness\b|\bawareness\b|how\s+to\s|\btips\b|\bforecast\b|दिशानिर्देश|एडवाइजरी|मॉक\s+ड्रिल|जागरूकता|पूर्वानुमान)/iu,
  ],
];
