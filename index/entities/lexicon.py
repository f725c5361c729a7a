"""Closed word lists the span rules need (French and English).

Kept apart from the rules so a linguist can extend a list without reading code.
All entries are lower case and accent-folded where the rule compares folded text.
"""

from __future__ import annotations

DETERMINERS = frozenset(
    "le la les l' l’ un une des du de d' d’ au aux à en the a an of this that ce cette ces".split()
)

# Honorifics and job titles in front of a name: not part of the name, but a hint of a person.
TITLES = frozenset(
    """m. m mme mme. mlle mlle. mm. me me. dr dr. pr pr. mr mr. mrs mrs. ms ms. sir dame
    monsieur madame mademoiselle professor prof prof.""".split()
)

# A leading lower-case word is stripped (président Macron -> Macron) except these heads,
# which make the span an organisation (ministère des Armées).
ORG_LOWER_HEADS = frozenset("ministère ministères ministry".split())
MINISTER_WORDS = frozenset("ministre ministres minister ministers secrétaire".split())

WEEKDAYS = frozenset(
    """lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday
    friday saturday sunday""".split()
)
MONTHS = frozenset(
    """janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre
    décembre decembre january february march april may june july august september october
    november december jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
TIME_WORDS = frozenset(
    """matin soir midi après-midi hier demain aujourd'hui dernier dernière prochain prochaine
    soir-là morning evening afternoon night yesterday today tomorrow last next""".split()
)

PRONOUNS = frozenset(
    """il elle ils elles on nous vous je tu lui leur eux celui celle ceux celles ce cela ça
    he she it they we you i him her them his its their this that these those who""".split()
)

# Words that, when they open a multi-word span, make it an organisation.
ORG_HEADS = frozenset(
    """agence alliance assemblée association autorité banque bureau cabinet caisse centre
    chambre club comité commission compagnie confédération congrès conseil cour direction
    école entreprise fédération fondation fonds front gouvernement groupe groupement
    haut-commissariat institut laboratoire ligue ministère mouvement observatoire office
    organisation parlement parti police programme rassemblement sénat service société
    syndicat tribunal union université agency alliance assembly association authority bank
    board bureau centre center chamber club commission committee company confederation
    congress corporation council court department federation foundation fund government
    group institute league ministry movement office organisation organization parliament
    party programme program senate service society union university""".split()
)
# Words that, ending a span, make it an organisation (Airbus Group, Acme Inc).
ORG_TAILS = frozenset(
    """inc inc. ltd ltd. plc sa s.a. sas group groupe corp corp. corporation company
    bank resources energy holdings airlines airways motors capital partners technologies
    systems pharma pharmaceuticals telecom media""".split()
)
# Named armed groups the French model reads as places.
# Well-known organisations the model often mistypes; acronyms compare case-sensitively.
KNOWN_ORG_ACRONYMS = frozenset(
    """ONU UN OTAN NATO UE EU OMS WHO FMI IMF OCDE OECD OMC WTO BCE ECB UNESCO Unesco HCR
    UNHCR PAM WFP FAO CEDEAO ECOWAS UEMOA BCEAO AES G7 G20 BRICS OPEP OPEC CIA FBI
    UNICEF Unicef Gavi GAVI Interpol Europol Frontex""".split()
)
# Names written the same way in every article that news quote all the time: agencies,
# central banks, international bodies. Case-sensitive, added where the model missed them.
KNOWN_ORG_SPELLINGS = frozenset(
    {"Reuters", "Interfax", "Xinhua", "Tanjug", "Itar-Tass", "Kyodo", "Yonhap", "Bernama",
     "Anadolu", "Associated Press", "Agence France-Presse", "Agence France Presse",
     "AFP", "DPA", "ANSA", "EFE", "IRNA", "TASS", "U.N.", "UNDP", "PNUD",
     "IAEA", "AIEA", "FIFA", "UEFA", "OSCE", "ASEAN", "SADC", "IGAD", "MINUSMA", "MONUSCO",
     "Federal Reserve", "Bundesbank", "World Bank", "Banque mondiale",
     "European Commission", "Commission européenne", "Security Council",
     "Conseil de sécurité", "Red Cross", "Croix-Rouge", "Amnesty International",
     "Human Rights Watch", "Médecins sans frontières", "Greenpeace", "Kremlin", "Pentagon",
     "United Nations", "Nations unies", "African Union", "Union africaine",
     "European Union", "Union européenne"}
)
KNOWN_ORG_NAMES = frozenset(
    {"état islamique", "etat islamique", "islamic state", "daech", "daesh", "boko haram",
     "al-qaïda", "al-qaida", "al-qaeda", "hamas", "hezbollah", "wagner", "africa corps",
     "the treasury", "us treasury", "u.s. treasury"}
) | frozenset(name.lower() for name in KNOWN_ORG_SPELLINGS)

# Single words that are never an entity on their own.
NEVER_ALONE = frozenset(
    """état états etat etats state states république republic gouvernement government
    président president ministre minister premier prime nord sud est ouest north south east
    west vingt-sept""".split()
)

# Job titles opening a span: "Premier ministre estonien" is a description, not a name.
JOB_TITLES = frozenset(
    """président présidente premier première ministre ministres général générale colonel
    capitaine commandant chef directeur directrice secrétaire porte-parole ambassadeur
    ambassadrice roi reine prince princesse pape président-directeur maire sénateur
    sénatrice député députée juge procureur president prime minister general colonel
    captain chief director secretary spokesman spokeswoman ambassador king queen prince
    princess pope mayor senator judge prosecutor chancellor chancelier chancelière""".split()
)

# Lower-case words allowed inside an English name (Bank of England, Alliance of Sahel States).
EN_NAME_PARTICLES = frozenset("of the for and de du des la le van von al bin on".split())
