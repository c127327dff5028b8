/**
 * Places too broad to tie two reports to one incident: countries, world regions, national capitals and the
 * world's biggest cities, and the two divisions of Jammu and Kashmir ("Jammu" names a region as often as a
 * city). Indian metros are in anchors.ts. Many unrelated incidents happen in "Iraq" or "Baghdad"
 * in the same week; only a district, town, locality or landmark anchors. Hindi-script names reach grouping
 * as transliterations ("Irak" for इराक), so a name is also compared by its phonetic key (entities/translit).
 * General knowledge of world and Indian geography; pure.
 */
import { WordCache } from '../core/word-cache.ts';
import { phoneticKey, transliterateName } from '../entities/index.ts';

const COUNTRIES = `Afghanistan Albania Algeria Angola Argentina Armenia Australia Austria Azerbaijan Bahrain Bangladesh
Belarus Belgium Bhutan Bolivia Bosnia Botswana Brazil Bulgaria Burkina_Faso Burundi Cambodia Cameroon Canada Chad
Chile China Colombia Congo Croatia Cuba Cyprus Czech_Republic Denmark Djibouti Ecuador Egypt Eritrea Estonia
Ethiopia Fiji Finland France Gabon Gambia Georgia Germany Ghana Greece Guatemala Guinea Haiti Honduras Hungary
Iceland India Indonesia Iran Iraq Ireland Israel Italy Ivory_Coast Jamaica Japan Jordan Kazakhstan Kenya Kuwait
Kyrgyzstan Laos Latvia Lebanon Liberia Libya Lithuania Luxembourg Madagascar Malawi Malaysia Maldives Mali Malta
Mauritius Mexico Moldova Mongolia Morocco Mozambique Myanmar Namibia Nepal Netherlands New_Zealand Nicaragua Niger
Nigeria North_Korea Norway Oman Pakistan Palestine Panama Paraguay Peru Philippines Poland Portugal Qatar Romania
Russia Rwanda Saudi_Arabia Senegal Serbia Seychelles Sierra_Leone Singapore Slovakia Slovenia Somalia South_Africa
South_Korea South_Sudan Spain Sri_Lanka Sudan Sweden Switzerland Syria Taiwan Tajikistan Tanzania Thailand Tunisia
Turkey Turkmenistan Uganda Ukraine United_Arab_Emirates UAE United_Kingdom UK Britain England Scotland Wales
United_States US USA America Uruguay Uzbekistan Venezuela Vietnam Yemen Zambia Zimbabwe`;

const REGIONS = `Asia Europe Africa Middle_East West_Asia South_Asia Southeast_Asia Central_Asia East_Asia Gulf
Persian_Gulf Latin_America North_America South_America Indian_Ocean Arabian_Sea Bay_of_Bengal Pacific Atlantic
Indo-Pacific Sahel Kashmir Kashmir_Valley Northeast North_India South_India Jammu_and_Kashmir Gaza West_Bank
Jammu Jammu_Division Kashmir_Division`;

/** National capitals, the biggest world cities and seats of government: stories from them are many at once. */
const WORLD_CITIES = `Kabul Dhaka Thimphu Beijing Shanghai Hong_Kong Tokyo Seoul Jakarta Kuala_Lumpur Bangkok Manila Hanoi
Colombo Male Kathmandu Islamabad Karachi Lahore Peshawar Quetta Rawalpindi Faisalabad Multan Chittagong Chattogram
Tehran Baghdad Damascus Beirut Amman Jerusalem Tel_Aviv Riyadh
Dubai Abu_Dhabi Doha Muscat Kuwait_City Ankara Istanbul Cairo Nairobi Addis_Ababa Lagos Abuja Khartoum Tripoli
Johannesburg Moscow Kyiv Kiev London Paris Berlin Rome Madrid Brussels Geneva Vienna Washington New_York Los_Angeles
Chicago Ottawa Toronto Sydney Melbourne Canberra Mexico_City Brasilia Buenos_Aires Singapore Yangon Naypyidaw
White_House Pentagon Kremlin Downing_Street`;

/** Hindi names of the countries and regions above that Hindi news names most. */
const HINDI_COUNTRIES = `अफगानिस्तान अफ़ग़ानिस्तान बांग्लादेश भूटान चीन ईरान इराक इस्राइल इजराइल इज़राइल पाकिस्तान नेपाल श्रीलंका म्यांमार
मालदीव अमरीका अमेरिका संयुक्त_राज्य_अमरीका संयुक्त_राज्य_अमेरिका ब्रिटेन इंग्लैंड फ्रांस जर्मनी रूस यूक्रेन जापान
ऑस्ट्रेलिया आस्ट्रेलिया कनाडा सऊदी_अरब संयुक्त_अरब_अमीरात कतर क़तर कुवैत बहरीन ओमान यमन सीरिया लेबनान जॉर्डन तुर्की मिस्र
लीबिया सूडान दक्षिण_सूडान केन्या नाइजीरिया सोमालिया इथियोपिया दक्षिण_अफ्रीका इंडोनेशिया मलेशिया सिंगापुर थाईलैंड
वियतनाम फिलीपींस उत्तर_कोरिया दक्षिण_कोरिया ब्राजील मैक्सिको अर्जेंटीना इटली स्पेन भारत एशिया यूरोप अफ्रीका
पश्चिम_एशिया मध्य_पूर्व खाड़ी दक्षिण_एशिया जम्मू कश्मीर`;

/** Hindi names of the world cities above that Hindi news names most. */
const HINDI_CITIES = `काबुल ढाका बीजिंग तेहरान बगदाद दमिश्क बेरूत रियाद दुबई काहिरा नैरोबी मॉस्को
लंदन पेरिस बर्लिन वाशिंगटन वॉशिंगटन न्यूयॉर्क सिडनी मेलबर्न इस्लामाबाद कराची लाहौर पेशावर क्वेटा रावलपिंडी कोलंबो काठमांडू हांगकांग हांग_कांग
टोक्यो जकार्ता व्हाइट_हाउस पेंटागन क्रेमलिन`;

const words = (list: string) =>
  list
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(/_/g, ' '));

const WIDE_NAMES = new Set([...words(COUNTRIES), ...words(REGIONS)]);
const NAMES = new Set([...WIDE_NAMES, ...words(WORLD_CITIES)]);
const hindiKeys = (list: string) => words(list).map((n) => phoneticKey(transliterateName(n)));
const WIDE_KEYS = new Set([...[...WIDE_NAMES].map((n) => phoneticKey(n)), ...hindiKeys(HINDI_COUNTRIES)]);
const KEYS = new Set([
  ...WIDE_KEYS,
  ...words(WORLD_CITIES).map((n) => phoneticKey(n)),
  ...hindiKeys(HINDI_CITIES),
]);
/** Answers by name: two generations of 25,000 (the 50,000 a one-map memo held). */
const seen = new WordCache<boolean>(25_000);

/** Phonetic key of a place name, a Devanagari one transliterated first. */
const placeKey = (n: string) => phoneticKey(/[\u0900-\u097f]/.test(n) ? transliterateName(n) : n);

/** Is this place (canonical name, English or transliterated) a country or a world region, not a city? */
export function isCountryOrRegion(name: string): boolean {
  const n = name.trim();
  return WIDE_NAMES.has(n) || WIDE_KEYS.has(placeKey(n));
}

/** Is this place (canonical name, English or transliterated) a country, region, capital or big city? */
export function isBroadPlace(name: string): boolean {
  const n = name.trim();
  let broad = seen.get(n);
  if (broad === undefined) {
    broad = NAMES.has(n) || KEYS.has(placeKey(n));
    seen.set(n, broad);
  }
  return broad;
}
