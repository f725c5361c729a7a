"""Regenerate ``index/entities/data/places.tsv``, the place gazetteer of the entity rules.

Countries come from pycountry (ISO 3166-1, English names plus the French names shipped in
its gettext locales); cities, regions, usual short forms and demonyms are written by hand
below. pycountry is needed only here, not at run time:

    .venv/bin/pip install pycountry
    .venv/bin/python tools/build_gazetteer.py

Columns: ``key`` (one id per place, e.g. ``country:US``), ``kind`` (country, city, region,
demonym), ``lang`` (fr, en, or ``xx`` for short forms shared by both) and ``name``.
Demonyms are listed so the rules can tell "russe"/"Russian" is *not* a place.
"""

from __future__ import annotations

import gettext
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "index" / "entities" / "data" / "places.tsv"

# Usual names that differ from the ISO ones, and short forms (lang "xx").
COUNTRY_EXTRA: dict[str, list[tuple[str, str]]] = {
    "US": [("en", "United States"), ("en", "United States of America"), ("en", "America"),
           ("xx", "US"), ("xx", "U.S."), ("xx", "USA"), ("xx", "U.S.A."),
           ("fr", "États-Unis"), ("fr", "Etats-Unis"), ("fr", "États-Unis d'Amérique"),
           ("fr", "Amérique")],
    "GB": [("en", "Britain"), ("en", "Great Britain"), ("xx", "UK"), ("xx", "U.K."),
           ("fr", "Grande-Bretagne"), ("fr", "Royaume-Uni")],
    "RU": [("en", "Russia"), ("fr", "Russie")],
    "KR": [("en", "South Korea"), ("fr", "Corée du Sud")],
    "KP": [("en", "North Korea"), ("fr", "Corée du Nord")],
    "IR": [("en", "Iran"), ("fr", "Iran")],
    "SY": [("en", "Syria"), ("fr", "Syrie")],
    "VN": [("en", "Vietnam"), ("fr", "Vietnam"), ("fr", "Viêt Nam")],
    "TW": [("en", "Taiwan"), ("fr", "Taïwan")],
    "BO": [("en", "Bolivia"), ("fr", "Bolivie")],
    "VE": [("en", "Venezuela"), ("fr", "Venezuela")],
    "TZ": [("en", "Tanzania"), ("fr", "Tanzanie")],
    "MD": [("en", "Moldova"), ("fr", "Moldavie")],
    "CZ": [("en", "Czech Republic"), ("fr", "République tchèque"), ("fr", "Tchéquie")],
    "CD": [("en", "Democratic Republic of the Congo"), ("en", "DR Congo"), ("xx", "RDC"),
           ("xx", "DRC"), ("fr", "République démocratique du Congo")],
    "CG": [("en", "Republic of the Congo"), ("fr", "Congo-Brazzaville")],
    "CI": [("en", "Ivory Coast"), ("fr", "Côte-d'Ivoire")],
    "NL": [("en", "Netherlands"), ("en", "the Netherlands"), ("en", "Holland"),
           ("fr", "Pays-Bas")],
    "PS": [("en", "Palestine"), ("fr", "Palestine"), ("en", "Gaza"), ("fr", "Gaza"),
           ("en", "Gaza Strip"), ("fr", "bande de Gaza"), ("en", "West Bank"),
           ("fr", "Cisjordanie")],
    "VA": [("en", "Vatican"), ("fr", "Vatican")],
    "LA": [("en", "Laos"), ("fr", "Laos")],
    "BN": [("en", "Brunei"), ("fr", "Brunei")],
    "TR": [("en", "Turkey"), ("en", "Türkiye"), ("fr", "Turquie")],
    "CV": [("en", "Cape Verde"), ("fr", "Cap-Vert")],
    "MK": [("en", "North Macedonia"), ("fr", "Macédoine du Nord")],
    "GM": [("en", "The Gambia"), ("fr", "Gambie")],
}

# Major cities and regions: (key, English name(s), French name(s)).
PLACES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # Sahel and West Africa
    ("region:sahel", "region", ("Sahel",), ("Sahel",)),
    ("region:sahara", "region", ("Sahara",), ("Sahara",)),
    ("region:west-africa", "region", ("West Africa",), ("Afrique de l'Ouest",)),
    ("region:liptako", "region", ("Liptako-Gourma", "Liptako"), ("Liptako-Gourma", "Liptako")),
    ("city:bamako", "city", ("Bamako",), ("Bamako",)),
    ("city:ouagadougou", "city", ("Ouagadougou",), ("Ouagadougou",)),
    ("city:niamey", "city", ("Niamey",), ("Niamey",)),
    ("city:gao", "city", ("Gao",), ("Gao",)),
    ("city:tombouctou", "city", ("Timbuktu",), ("Tombouctou",)),
    ("city:kidal", "city", ("Kidal",), ("Kidal",)),
    ("city:mopti", "city", ("Mopti",), ("Mopti",)),
    ("city:menaka", "city", ("Menaka", "Ménaka"), ("Ménaka",)),
    ("city:tillaberi", "city", ("Tillaberi", "Tillabéri"), ("Tillabéri",)),
    ("city:agadez", "city", ("Agadez",), ("Agadez",)),
    ("city:arlit", "city", ("Arlit",), ("Arlit",)),
    ("city:diffa", "city", ("Diffa",), ("Diffa",)),
    ("city:bobo-dioulasso", "city", ("Bobo-Dioulasso",), ("Bobo-Dioulasso",)),
    ("city:djibo", "city", ("Djibo",), ("Djibo",)),
    ("city:dakar", "city", ("Dakar",), ("Dakar",)),
    ("city:abidjan", "city", ("Abidjan",), ("Abidjan",)),
    ("city:yamoussoukro", "city", ("Yamoussoukro",), ("Yamoussoukro",)),
    ("city:abuja", "city", ("Abuja",), ("Abuja",)),
    ("city:lagos", "city", ("Lagos",), ("Lagos",)),
    ("city:accra", "city", ("Accra",), ("Accra",)),
    ("city:tema", "city", ("Tema",), ("Tema",)),
    ("city:lome", "city", ("Lomé", "Lome"), ("Lomé",)),
    ("city:cotonou", "city", ("Cotonou",), ("Cotonou",)),
    ("city:porto-novo", "city", ("Porto-Novo",), ("Porto-Novo",)),
    ("city:conakry", "city", ("Conakry",), ("Conakry",)),
    ("city:nouakchott", "city", ("Nouakchott",), ("Nouakchott",)),
    ("city:ndjamena", "city", ("N'Djamena",), ("N'Djamena",)),
    ("city:banjul", "city", ("Banjul",), ("Banjul",)),
    ("city:freetown", "city", ("Freetown",), ("Freetown",)),
    ("city:monrovia", "city", ("Monrovia",), ("Monrovia",)),
    ("city:kano", "city", ("Kano",), ("Kano",)),
    ("city:sokoto", "city", ("Sokoto",), ("Sokoto",)),
    ("city:katsina", "city", ("Katsina",), ("Katsina",)),
    ("city:maiduguri", "city", ("Maiduguri",), ("Maiduguri",)),
    ("city:kantchari", "city", ("Kantchari",), ("Kantchari",)),
    ("city:malanville", "city", ("Malanville",), ("Malanville",)),
    # Rest of Africa and Middle East
    ("city:cairo", "city", ("Cairo",), ("Le Caire",)),
    ("city:algiers", "city", ("Algiers",), ("Alger",)),
    ("city:tunis", "city", ("Tunis",), ("Tunis",)),
    ("city:rabat", "city", ("Rabat",), ("Rabat",)),
    ("city:casablanca", "city", ("Casablanca",), ("Casablanca",)),
    ("city:tripoli", "city", ("Tripoli",), ("Tripoli",)),
    ("city:khartoum", "city", ("Khartoum",), ("Khartoum",)),
    ("city:addis-ababa", "city", ("Addis Ababa",), ("Addis-Abeba",)),
    ("city:nairobi", "city", ("Nairobi",), ("Nairobi",)),
    ("city:kinshasa", "city", ("Kinshasa",), ("Kinshasa",)),
    ("city:johannesburg", "city", ("Johannesburg",), ("Johannesburg",)),
    ("city:cape-town", "city", ("Cape Town",), ("Le Cap",)),
    ("city:pretoria", "city", ("Pretoria",), ("Pretoria",)),
    ("city:jerusalem", "city", ("Jerusalem",), ("Jérusalem",)),
    ("city:tel-aviv", "city", ("Tel Aviv",), ("Tel-Aviv", "Tel Aviv")),
    ("city:beirut", "city", ("Beirut",), ("Beyrouth",)),
    ("city:damascus", "city", ("Damascus",), ("Damas",)),
    ("city:baghdad", "city", ("Baghdad",), ("Bagdad",)),
    ("city:tehran", "city", ("Tehran",), ("Téhéran",)),
    ("city:riyadh", "city", ("Riyadh",), ("Riyad",)),
    ("city:doha", "city", ("Doha",), ("Doha",)),
    ("city:dubai", "city", ("Dubai",), ("Dubaï",)),
    ("city:istanbul", "city", ("Istanbul",), ("Istanbul",)),
    ("city:ankara", "city", ("Ankara",), ("Ankara",)),
    ("region:middle-east", "region", ("Middle East",), ("Proche-Orient", "Moyen-Orient")),
    ("region:maghreb", "region", ("Maghreb",), ("Maghreb",)),
    # Europe
    ("city:paris", "city", ("Paris",), ("Paris",)),
    ("city:marseille", "city", ("Marseille", "Marseilles"), ("Marseille",)),
    ("city:lyon", "city", ("Lyon", "Lyons"), ("Lyon",)),
    ("city:toulouse", "city", ("Toulouse",), ("Toulouse",)),
    ("city:bordeaux", "city", ("Bordeaux",), ("Bordeaux",)),
    ("city:lille", "city", ("Lille",), ("Lille",)),
    ("city:nantes", "city", ("Nantes",), ("Nantes",)),
    ("city:strasbourg", "city", ("Strasbourg",), ("Strasbourg",)),
    ("city:nice", "city", ("Nice",), ("Nice",)),
    ("city:brest", "city", ("Brest",), ("Brest",)),
    ("city:rennes", "city", ("Rennes",), ("Rennes",)),
    ("city:grenoble", "city", ("Grenoble",), ("Grenoble",)),
    ("city:montpellier", "city", ("Montpellier",), ("Montpellier",)),
    ("city:saint-etienne", "city", ("Saint-Étienne",), ("Saint-Étienne", "Saint-Etienne")),
    ("city:le-havre", "city", ("Le Havre",), ("Le Havre",)),
    ("city:brussels", "city", ("Brussels",), ("Bruxelles",)),
    ("city:luxembourg", "city", ("Luxembourg",), ("Luxembourg",)),
    ("city:geneva", "city", ("Geneva",), ("Genève",)),
    ("city:bern", "city", ("Bern", "Berne"), ("Berne",)),
    ("city:zurich", "city", ("Zurich",), ("Zurich",)),
    ("city:lausanne", "city", ("Lausanne",), ("Lausanne",)),
    ("city:london", "city", ("London",), ("Londres",)),
    ("city:edinburgh", "city", ("Edinburgh",), ("Édimbourg",)),
    ("city:dublin", "city", ("Dublin",), ("Dublin",)),
    ("city:berlin", "city", ("Berlin",), ("Berlin",)),
    ("city:munich", "city", ("Munich",), ("Munich",)),
    ("city:frankfurt", "city", ("Frankfurt",), ("Francfort",)),
    ("city:hamburg", "city", ("Hamburg",), ("Hambourg",)),
    ("city:cologne", "city", ("Cologne",), ("Cologne",)),
    ("city:rome", "city", ("Rome",), ("Rome",)),
    ("city:milan", "city", ("Milan",), ("Milan",)),
    ("city:naples", "city", ("Naples",), ("Naples",)),
    ("city:madrid", "city", ("Madrid",), ("Madrid",)),
    ("city:barcelona", "city", ("Barcelona",), ("Barcelone",)),
    ("city:lisbon", "city", ("Lisbon",), ("Lisbonne",)),
    ("city:amsterdam", "city", ("Amsterdam",), ("Amsterdam",)),
    ("city:the-hague", "city", ("The Hague",), ("La Haye",)),
    ("city:rotterdam", "city", ("Rotterdam",), ("Rotterdam",)),
    ("city:vienna", "city", ("Vienna",), ("Vienne",)),
    ("city:warsaw", "city", ("Warsaw",), ("Varsovie",)),
    ("city:prague", "city", ("Prague",), ("Prague",)),
    ("city:budapest", "city", ("Budapest",), ("Budapest",)),
    ("city:bucharest", "city", ("Bucharest",), ("Bucarest",)),
    ("city:athens", "city", ("Athens",), ("Athènes",)),
    ("city:stockholm", "city", ("Stockholm",), ("Stockholm",)),
    ("city:oslo", "city", ("Oslo",), ("Oslo",)),
    ("city:copenhagen", "city", ("Copenhagen",), ("Copenhague",)),
    ("city:helsinki", "city", ("Helsinki",), ("Helsinki",)),
    ("city:tallinn", "city", ("Tallinn",), ("Tallinn",)),
    ("city:riga", "city", ("Riga",), ("Riga",)),
    ("city:vilnius", "city", ("Vilnius",), ("Vilnius",)),
    ("city:moscow", "city", ("Moscow",), ("Moscou",)),
    ("city:saint-petersburg", "city", ("Saint Petersburg", "St Petersburg"),
     ("Saint-Pétersbourg",)),
    ("city:kyiv", "city", ("Kyiv", "Kiev"), ("Kiev", "Kyiv")),
    ("city:kharkiv", "city", ("Kharkiv",), ("Kharkiv", "Kharkov")),
    ("city:odesa", "city", ("Odesa", "Odessa"), ("Odessa",)),
    ("city:minsk", "city", ("Minsk",), ("Minsk",)),
    ("region:donbas", "region", ("Donbas",), ("Donbass",)),
    ("region:crimea", "region", ("Crimea",), ("Crimée",)),
    ("region:europe", "region", ("Europe",), ("Europe",)),
    ("region:africa", "region", ("Africa",), ("Afrique",)),
    ("region:asia", "region", ("Asia",), ("Asie",)),
    ("region:balkans", "region", ("Balkans",), ("Balkans",)),
    ("region:scandinavia", "region", ("Scandinavia",), ("Scandinavie",)),
    ("region:alsace", "region", ("Alsace",), ("Alsace",)),
    ("region:bretagne", "region", ("Brittany",), ("Bretagne",)),
    ("region:corse", "region", ("Corsica",), ("Corse",)),
    ("region:normandie", "region", ("Normandy",), ("Normandie",)),
    ("region:ile-de-france", "region", ("Ile-de-France",), ("Île-de-France",)),
    ("region:occitanie", "region", ("Occitania",), ("Occitanie",)),
    ("region:provence", "region", ("Provence",), ("Provence",)),
    ("region:bavaria", "region", ("Bavaria",), ("Bavière",)),
    ("region:catalonia", "region", ("Catalonia",), ("Catalogne",)),
    ("region:scotland", "region", ("Scotland",), ("Écosse",)),
    ("region:wales", "region", ("Wales",), ("pays de Galles",)),
    ("region:england", "region", ("England",), ("Angleterre",)),
    ("region:mediterranean", "region", ("Mediterranean",), ("Méditerranée",)),
    ("planet:earth", "planet", ("Earth",), ("Terre",)),
    ("planet:jupiter", "planet", ("Jupiter",), ("Jupiter",)),
    ("planet:saturn", "planet", ("Saturn",), ("Saturne",)),
    ("planet:venus", "planet", ("Venus",), ("Vénus",)),
    ("region:gulf", "region", ("Gulf", "Persian Gulf"), ("Golfe", "golfe Persique")),
    # Americas and Asia-Pacific
    ("city:washington", "city", ("Washington",), ("Washington",)),
    ("city:new-york", "city", ("New York",), ("New York",)),
    ("city:los-angeles", "city", ("Los Angeles",), ("Los Angeles",)),
    ("city:chicago", "city", ("Chicago",), ("Chicago",)),
    ("city:san-francisco", "city", ("San Francisco",), ("San Francisco",)),
    ("city:houston", "city", ("Houston",), ("Houston",)),
    ("city:boston", "city", ("Boston",), ("Boston",)),
    ("city:miami", "city", ("Miami",), ("Miami",)),
    ("city:montreal", "city", ("Montreal",), ("Montréal",)),
    ("city:quebec", "city", ("Quebec",), ("Québec",)),
    ("city:ottawa", "city", ("Ottawa",), ("Ottawa",)),
    ("city:toronto", "city", ("Toronto",), ("Toronto",)),
    ("city:mexico-city", "city", ("Mexico City",), ("Mexico",)),
    ("city:brasilia", "city", ("Brasilia",), ("Brasilia",)),
    ("city:sao-paulo", "city", ("São Paulo", "Sao Paulo"), ("São Paulo",)),
    ("city:rio", "city", ("Rio de Janeiro",), ("Rio de Janeiro",)),
    ("city:buenos-aires", "city", ("Buenos Aires",), ("Buenos Aires",)),
    ("city:bogota", "city", ("Bogota", "Bogotá"), ("Bogota",)),
    ("city:caracas", "city", ("Caracas",), ("Caracas",)),
    ("city:beijing", "city", ("Beijing",), ("Pékin",)),
    ("city:shanghai", "city", ("Shanghai",), ("Shanghai",)),
    ("city:hong-kong", "city", ("Hong Kong",), ("Hongkong", "Hong Kong")),
    ("city:tokyo", "city", ("Tokyo",), ("Tokyo",)),
    ("city:seoul", "city", ("Seoul",), ("Séoul",)),
    ("city:new-delhi", "city", ("New Delhi", "Delhi"), ("New Delhi",)),
    ("city:mumbai", "city", ("Mumbai",), ("Bombay",)),
    ("city:islamabad", "city", ("Islamabad",), ("Islamabad",)),
    ("city:kabul", "city", ("Kabul",), ("Kaboul",)),
    ("city:bangkok", "city", ("Bangkok",), ("Bangkok",)),
    ("city:singapore", "city", ("Singapore",), ("Singapour",)),
    ("city:jakarta", "city", ("Jakarta",), ("Jakarta",)),
    ("city:manila", "city", ("Manila",), ("Manille",)),
    ("city:sydney", "city", ("Sydney",), ("Sydney",)),
    ("city:canberra", "city", ("Canberra",), ("Canberra",)),
    ("region:latin-america", "region", ("Latin America",), ("Amérique latine",)),
    ("region:california", "region", ("California",), ("Californie",)),
    ("region:texas", "region", ("Texas",), ("Texas",)),
    ("region:florida", "region", ("Florida",), ("Floride",)),
    ("region:arctic", "region", ("Arctic",), ("Arctique",)),
    ("region:antarctica", "region", ("Antarctica",), ("Antarctique",)),
]

# Demonyms and nationality adjectives: never places.
DEMONYMS_FR = """afghan algérien allemand américain anglais belge britannique burkinabè burkinabé
camerounais canadien chinois congolais coréen danois égyptien espagnol européen français
gabonais ghanéen grec guinéen indien iranien irakien irlandais israélien italien ivoirien
japonais libanais libyen malien marocain mauritanien mexicain néerlandais nigérian nigérien
norvégien palestinien polonais portugais qatari roumain russe saoudien sénégalais serbe
suédois suisse syrien tchadien togolais tunisien turc ukrainien vénézuélien africain
sahélien asiatique occidental béninois gambien estonien letton lituanien finlandais
autrichien hongrois tchèque slovaque bulgare croate parisien lyonnais marseillais toulousain
bordelais lillois nantais strasbourgeois niçois londonien bruxellois berlinois munichois
madrilène romain new-yorkais moscovite kiévien bamakois ouagalais niaméen dakarois""".split()
DEMONYMS_EN = """Afghan Algerian German American English Belgian British Burkinabe Cameroonian
Canadian Chinese Congolese Korean Danish Egyptian Spanish European French Gabonese Ghanaian
Greek Guinean Indian Iranian Iraqi Irish Israeli Italian Ivorian Japanese Lebanese Libyan
Malian Moroccan Mauritanian Mexican Dutch Nigerian Nigerien Norwegian Palestinian Polish
Portuguese Qatari Romanian Russian Saudi Senegalese Serbian Swedish Swiss Syrian Chadian
Togolese Tunisian Turkish Ukrainian Venezuelan African Sahelian Asian Western Beninese
Gambian Estonian Latvian Lithuanian Finnish Austrian Hungarian Czech Slovak Bulgarian
Croatian Baltic Nordic Parisian Londoner Muscovite""".split()


def _french_forms(name: str) -> list[str]:
    """ISO French names read "Russie, Fédération de": keep the head and the natural order."""
    if ", " not in name:
        return [name]
    head, tail = name.split(", ", 1)
    forms = [head]
    if not tail.endswith("'"):
        tail += " "
    forms.append(f"{tail}{head}")
    return forms


def country_rows() -> list[tuple[str, str, str, str]]:
    import pycountry  # build-time only

    fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    rows: list[tuple[str, str, str, str]] = []
    for c in pycountry.countries:
        key = f"country:{c.alpha_2}"
        en_names = {c.name, getattr(c, "common_name", c.name)}
        for n in sorted(en_names):
            if "," not in n:
                rows.append((key, "country", "en", n))
        for n in sorted({fr.gettext(c.name), fr.gettext(getattr(c, "common_name", c.name))}):
            rows.extend((key, "country", "fr", f) for f in _french_forms(n))
        for lang, n in COUNTRY_EXTRA.get(c.alpha_2, []):
            rows.append((key, "country", lang, n))
    return rows


def all_rows() -> list[tuple[str, str, str, str]]:
    rows = country_rows()
    for key, kind, en, fr in PLACES:
        rows.extend((key, kind, "en", n) for n in en)
        rows.extend((key, kind, "fr", n) for n in fr)
    rows.extend((f"demonym:{d}", "demonym", "fr", d) for d in DEMONYMS_FR)
    rows.extend((f"demonym:{d}", "demonym", "en", d) for d in DEMONYMS_EN)
    seen: set[tuple[str, str, str, str]] = set()
    unique = []
    for row in rows:
        if row not in seen:
            seen.add(row)
            unique.append(row)
    return unique


def main() -> int:
    rows = all_rows()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    lines = ["key\tkind\tlang\tname"] + ["\t".join(r) for r in rows]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} rows to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
