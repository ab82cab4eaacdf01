"""Phrases that demo pledges are composed from, in the three working languages."""

ACTIONS = {
    "en": [
        "Open a one-stop welcome centre",
        "Expand language classes",
        "Launch a municipal ID card",
        "Train frontline staff",
        "Create a job-matching programme",
        "Guarantee access to primary health care",
        "Fund community mediators",
        "Set up a housing support scheme",
        "Build a data observatory",
        "Start a mentoring network",
        "Provide legal counselling",
        "Support migrant entrepreneurs",
        "Run an anti-discrimination campaign",
        "Recognise foreign qualifications",
        "Enrol every child in school",
    ],
    "fr": [
        "Ouvrir un guichet unique d'accueil",
        "Développer les cours de langue",
        "Lancer une carte d'identité municipale",
        "Former le personnel de première ligne",
        "Créer un programme de mise en relation avec l'emploi",
        "Garantir l'accès aux soins de santé primaires",
        "Financer des médiateurs communautaires",
        "Mettre en place une aide au logement",
        "Construire un observatoire des données",
        "Lancer un réseau de mentorat",
        "Offrir un conseil juridique",
        "Soutenir les entrepreneurs migrants",
        "Mener une campagne contre les discriminations",
        "Reconnaître les diplômes étrangers",
        "Scolariser chaque enfant",
    ],
    "es": [
        "Abrir una ventanilla única de acogida",
        "Ampliar las clases de idioma",
        "Lanzar una tarjeta de identidad municipal",
        "Formar al personal de primera línea",
        "Crear un programa de intermediación laboral",
        "Garantizar el acceso a la atención primaria de salud",
        "Financiar mediadores comunitarios",
        "Establecer un programa de apoyo a la vivienda",
        "Crear un observatorio de datos",
        "Iniciar una red de mentoría",
        "Ofrecer asesoría jurídica",
        "Apoyar a las personas emprendedoras migrantes",
        "Realizar una campaña contra la discriminación",
        "Reconocer las cualificaciones extranjeras",
        "Escolarizar a cada niño y niña",
    ],
}

FOR_WHOM = {
    "en": "for {group} in {city}",
    "fr": "pour les {group} à {city}",
    "es": "para {group} en {city}",
}

GROUP_WORDS = {
    "en": {
        "migrants": "migrants",
        "refugees": "refugees",
        "asylum-seekers": "asylum seekers",
        "internally-displaced": "internally displaced people",
        "stateless": "stateless people",
        "returnees": "returnees",
        "host-communities": "host communities",
    },
    "fr": {
        "migrants": "migrants",
        "refugees": "réfugiés",
        "asylum-seekers": "demandeurs d'asile",
        "internally-displaced": "personnes déplacées",
        "stateless": "apatrides",
        "returnees": "rapatriés",
        "host-communities": "communautés d'accueil",
    },
    "es": {
        "migrants": "migrantes",
        "refugees": "refugiados",
        "asylum-seekers": "solicitantes de asilo",
        "internally-displaced": "desplazados internos",
        "stateless": "apátridas",
        "returnees": "retornados",
        "host-communities": "comunidades de acogida",
    },
}

SUMMARIES = {
    "en": [
        "{city} commits to {action_lc} so that {group} can find services, work and a place in the community.",
        "Building on a pilot run with civil society, {city} will {action_lc} across all districts by {year}.",
        "A joint effort of the city council, local NGOs and employers to {action_lc}.",
    ],
    "fr": [
        "{city} s'engage à {action_lc} afin que les {group} trouvent services, emploi et place dans la communauté.",
        "Sur la base d'un projet pilote avec la société civile, {city} va {action_lc} dans tous les quartiers d'ici {year}.",
        "Un effort commun du conseil municipal, des ONG locales et des employeurs pour {action_lc}.",
    ],
    "es": [
        "{city} se compromete a {action_lc} para que los {group} encuentren servicios, trabajo y un lugar en la comunidad.",
        "A partir de un piloto con la sociedad civil, {city} va a {action_lc} en todos los distritos antes de {year}.",
        "Un esfuerzo conjunto del ayuntamiento, las ONG locales y los empleadores para {action_lc}.",
    ],
}

PARAGRAPHS = {
    "en": [
        "The municipality has seen the number of newcomers grow steadily over the last five years, and existing services were designed for a smaller and more settled population.",
        "Consultations with migrant and refugee-led organisations showed that information is scattered, opening hours do not fit working lives, and few staff speak the languages residents speak.",
        "The programme will be delivered by the city's social services together with community organisations, and will be open to every resident regardless of status.",
        "Progress will be measured every six months and published on the city's open data portal, so that residents and partners can follow delivery.",
        "Funding comes from the municipal budget, complemented by national and international partners; a steering group meets quarterly to review results.",
        "Staff will be trained on a human rights-based, gender-responsive and child-sensitive approach, in line with the guiding principles of the Global Compacts.",
        "Lessons from this work will be shared with peer cities through the Mayors Mechanism and regional networks of local governments.",
    ],
    "fr": [
        "La municipalité a vu le nombre de nouveaux arrivants augmenter régulièrement au cours des cinq dernières années, et les services existants ont été conçus pour une population plus réduite.",
        "Les consultations avec les organisations dirigées par des migrants et des réfugiés ont montré que l'information est dispersée et que peu d'agents parlent les langues des habitants.",
        "Le programme sera mis en œuvre par les services sociaux de la ville avec les associations, et sera ouvert à tous les résidents quel que soit leur statut.",
        "Les progrès seront mesurés tous les six mois et publiés sur le portail de données ouvertes de la ville.",
        "Le financement provient du budget municipal, complété par des partenaires nationaux et internationaux ; un comité de pilotage se réunit chaque trimestre.",
        "Le personnel sera formé à une approche fondée sur les droits humains, tenant compte du genre et de la situation des enfants, conformément aux principes directeurs des Pactes mondiaux.",
        "Les enseignements de ce travail seront partagés avec d'autres villes au sein du Mécanisme des maires et des réseaux régionaux de collectivités.",
    ],
    "es": [
        "El municipio ha visto crecer de forma constante el número de personas recién llegadas en los últimos cinco años, y los servicios existentes se diseñaron para una población menor.",
        "Las consultas con organizaciones lideradas por migrantes y refugiados mostraron que la información está dispersa y que poco personal habla los idiomas de la población.",
        "El programa lo llevarán a cabo los servicios sociales de la ciudad junto con organizaciones comunitarias, y estará abierto a toda la población sin importar su situación.",
        "El progreso se medirá cada seis meses y se publicará en el portal de datos abiertos de la ciudad.",
        "La financiación procede del presupuesto municipal, complementado por socios nacionales e internacionales; un grupo de dirección se reúne cada trimestre.",
        "El personal recibirá formación en un enfoque basado en los derechos humanos, con perspectiva de género e infantil, en línea con los principios rectores de los Pactos Mundiales.",
        "Las lecciones aprendidas se compartirán con otras ciudades a través del Mecanismo de Alcaldes y las redes regionales de gobiernos locales.",
    ],
}

INDICATORS = {
    "en": [
        ("People reached", "people"),
        ("Staff trained", "staff"),
        ("Service points opened", "sites"),
        ("Share of newcomers with a municipal ID", "%"),
        ("Children enrolled", "children"),
    ],
    "fr": [
        ("Personnes atteintes", "personnes"),
        ("Agents formés", "agents"),
        ("Points de service ouverts", "sites"),
        ("Part des nouveaux arrivants avec une carte municipale", "%"),
        ("Enfants scolarisés", "enfants"),
    ],
    "es": [
        ("Personas alcanzadas", "personas"),
        ("Personal formado", "personas"),
        ("Puntos de servicio abiertos", "sitios"),
        ("Proporción de recién llegados con tarjeta municipal", "%"),
        ("Niños y niñas escolarizados", "niños"),
    ],
}

PARTNERS = [
    "IOM country office",
    "UNHCR",
    "Red Cross society",
    "Chamber of commerce",
    "University migration lab",
    "Migrant-led association",
    "Refugee-led organisation",
    "UN-Habitat",
    "UNICEF",
    "Local employers' network",
]
