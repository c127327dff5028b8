/**
 * Small word lists used by the rules. Devanagari entries are stored as `wordKey` forms so that
 * spelling variants (nukta, chandrabindu, half-nasal) compare equal to text tokens.
 */
import { wordKey } from './text.ts';

const keys = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter(Boolean).map(wordKey));

/**
 * Titles and roles that precede a person's name in Hindi news, and निवासी ("resident"), which does
 * too: "नालंदा निवासी मुकेश रंजन को".
 */
export const HONORIFICS = keys(`
  निवासी निवासिनी निगमायुक्त
  श्री श्रीमती सुश्री डॉ डॉक्टर प्रो प्रोफेसर मंत्री मुख्यमंत्री प्रधानमंत्री उपमुख्यमंत्री राज्यमंत्री
  निदेशक महानिदेशक प्रवक्ता अध्यक्ष उपाध्यक्ष राष्ट्रपति उपराष्ट्रपति राज्यपाल उपराज्यपाल सांसद विधायक
  न्यायमूर्ति न्यायाधीश जज आयुक्त कमिश्नर उपायुक्त इंस्पेक्टर निरीक्षक उपनिरीक्षक दारोगा कांस्टेबल
  सचिव महासचिव कलेक्टर जिलाधिकारी महापौर मेयर पार्षद सीईओ चेयरमैन संस्थापक कमांडर जनरल कर्नल
  मेजर कैप्टन लेफ्टिनेंट एडवोकेट अधिवक्ता प्रभारी प्रोफ़ेसर पत्रकार लेखक अभिनेता अभिनेत्री नेता
  सीनियर वरिष्ठ कप्तान उपकप्तान गवर्नर अधीक्षक उपाधीक्षक थानाध्यक्ष प्रमोटर कोच खिलाड़ी बल्लेबाज गेंदबाज
  पहलवान उद्योगपति कारोबारी व्यवसायी प्रबंधक मैनेजर कुलपति कुलसचिव संयोजक प्राचार्य प्रधानाचार्य
  इंजीनियर अभियंता वैज्ञानिक चिकित्सक शटलर मुक्केबाज मुक्केबाज़ धावक निशानेबाज एथलीट कार्यकर्ता
`);

/** Common Indian surnames: a name-like word before one of these is taken as a person. */
export const SURNAMES = keys(`
  कुमार सिंह शर्मा वर्मा गुप्ता यादव मिश्रा मिश्र पांडेय पांडे पाण्डेय तिवारी त्रिपाठी चौहान खान अहमद
  जैन अग्रवाल पटेल रेड्डी राव दास मेहता जोशी चौधरी ठाकुर श्रीवास्तव सिन्हा झा प्रसाद नायर मेनन
  बनर्जी मुखर्जी चटर्जी सेन घोष बोस शुक्ला दुबे द्विवेदी चतुर्वेदी सक्सेना कपूर खन्ना मल्होत्रा
  अरोड़ा भाटिया सेठी गोयल बंसल मित्तल सिंघल राठौर राठौड़ शेखावत भारद्वाज कुशवाहा पासवान मौर्य
  निषाद रावत नेगी बिष्ट कौर गिल संधू ढिल्लों सिद्धू हुसैन अंसारी कुरैशी सिद्दीकी शेख़ रिज़वी
  नाथ रॉय राय डिसूजा फर्नांडिस पिल्लई अय्यर कृष्णन
`);

/** Words that end a name: postpositions, conjunctions, honorific जी, verbs of saying. */
export const NAME_BOUNDARY = keys(`
  की के का ने को में से पर तक जी और एवं तथा व या भी ही ने कहा बताया समेत सहित साहब
`);

/** Function words and frequent nouns that can never be part of a name. */
export const HINDI_STOP = keys(`
  की के का ने को में से पर तक जी और एवं तथा व या भी ही तो कि है हैं था थे थी थीं हो होने होगा होगी
  यह ये वह वे इस उस इन उन इसे उसे इसका उसका इनके उनके उनकी उनका उन्होंने इन्होंने उन्हें हम हमारे
  आप मैं मेरा अपने अपनी अपना कोई कुछ सभी सब एक दो तीन कई हर बहुत अब जब तब यहां वहां यहाँ वहाँ
  कहा बताया कहना गया गई गए किया किए की दिया दी दिए लिया ली लिए रहा रही रहे कर करने करते करें
  पद पुलिस सरकार प्रशासन विभाग मंत्रालय अधिकारी अधिकारियों कर्मचारी टीम मामले मामला मामलों जांच
  अस्पताल सर्वर बयान घटना लोगों लोग मरीज मरीजों नए नई नया पूरे पूरी बड़ी बड़े साथ बाद पहले दौरान
  अनुसार तरफ ओर लेकर बीच वजह कारण खिलाफ जरिए द्वारा बारे संबंध कार्यालय आवास परिषद मंडल समूह
  स्तर राज्य देश शहर जिले जिला गांव केंद्र केंद्रीय राष्ट्रीय भारतीय स्थानीय सूत्रों मुताबिक आज कल
  सुबह शाम रात दिन साल महीने समय बजे घंटे करीब लगभग सिर्फ केवल नहीं न मत क्या क्यों कैसे कौन
  पार्टी संगठन संस्थान यूनिट संस्था अदालत कोर्ट बोर्ड आयोग निगम कंपनी बैंक सदस्य सदस्यों प्रमुख
  मुख्य पूर्व वर्तमान नव नवनियुक्त तत्कालीन कार्यवाहक संयुक्त उप सहायक विशेष प्रदेश क्षेत्र इलाके
  इलाज परेशानी सेवाएं सेवाओं जानकारी मदद शिकायत रिपोर्ट दर्ज शुरू शुरु जारी ऐसे ऐसी वैसे सकता सकती
  हड़ताल प्रदर्शन धरना बैठक सरकारी निजी रिहायशी आवासीय अवैध अनधिकृत पुरानी पुराना पुराने औद्योगिक
  चुनाव सीट टिकट पढ़ें खबर खबरों बता दें इसी उसी जो जिस जिसे जिससे जिसके वहीं यहीं लेकिन परंतु
`);

/** Nouns after which the preceding word is a place name. */
export const LOC_CUES = keys('जिले जिला ज़िले जिलों शहर गांव गाँव कस्बे कस्बा इलाके थाना थाने प्रखंड तहसील नदी झील घाटी');

/** Second words of multi-word place names (सरोजिनी नगर). */
export const PLACE_HEADS = keys('नगर विहार पुरी कॉलोनी एन्क्लेव बाग गंज');

/** Words after an unknown acronym that make it an organisation (… यूनिट, … विभाग). */
export const HINDI_ORG_CUES = keys(`
  यूनिट विभाग एजेंसी एजेंसियां टीम सेल ब्यूरो कंपनी मंत्रालय आयोग बोर्ड संस्थान अस्पताल पार्टी बैंक
  प्राधिकरण निगम परिषद विश्वविद्यालय कॉलेज संगठन बल फोर्स ग्रुप समूह लिमिटेड यूनिवर्सिटी
  unit department agency team cell bureau company ministry commission board institute hospital party
  bank authority corporation council university college organisation organization force group limited
  ltd police
`);

/** English titles before person names. */
export const ENGLISH_TITLES = keys(`
  mr mrs ms miss dr prof professor shri smt sri minister director spokesperson spokesman spokeswoman
  inspector commissioner justice judge president governor chairman chairperson ceo secretary officer
  constable superintendent sergeant colonel general major captain lieutenant mayor mp mla senator
  chief deputy additional joint sub-inspector lawyer advocate dcp acp sho sp ssp dgp pm cm
  magistrate collector captain coach promoter founder co-founder police vice-chancellor chancellor
  registrar convener convenor principal engineer scientist shuttler boxer wrestler cricketer batter
  bowler athlete sprinter actor actress activist skipper
`);

/** Head words of organisation names in English ("… Hospital", "… Police", "… Ministry"). */
export const ORG_HEADS = keys(`
  hospital hospitals police ministry department university institute institution college school bank
  court commission corporation limited ltd inc party board council agency authority bureau trust
  foundation company group services service directorate organisation organization centre center
  force army navy unit cell team association federation society laboratory laboratories airlines
  railways news times express associates industries enterprises
`);

/** Head words of place names in English. */
export const LOC_HEADS = keys(`
  district nagar road marg street colony village city state island islands river lake valley
  mountains hills enclave vihar puri bagh ganj
`);

/** English words that, capitalised, still are not entity starts (sentence-initial noise). */
export const ENGLISH_STOP = keys(`
  the a an this that these those it its he she they we i you his her their our on in at of for and or
  but if when while after before as by with from to into over under about said says according also
  however meanwhile monday tuesday wednesday thursday friday saturday sunday january february march
  april may june july august september october november december today yesterday tomorrow
  police government officials official sources hospital court minister
`);
