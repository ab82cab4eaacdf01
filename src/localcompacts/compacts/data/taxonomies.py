"""The reference taxonomies every pledge is tagged with: codes are the UN's, names in en / fr / es.

Loaded by migrations (compacts 0002); codes are stable and never reused.
"""

GCM_OBJECTIVES = [
    (
        1,
        "Collect and utilize accurate and disaggregated data as a basis for evidence-based policies",
        "Collecter et utiliser des données exactes et ventilées qui serviront à l'élaboration de politiques fondées sur la connaissance des faits",
        "Recopilar y utilizar datos exactos y desglosados para formular políticas con base empírica",
    ),
    (
        2,
        "Minimize the adverse drivers and structural factors that compel people to leave their country of origin",
        "Lutter contre les facteurs négatifs et les problèmes structurels qui poussent des personnes à quitter leur pays d'origine",
        "Minimizar los factores adversos y estructurales que obligan a las personas a abandonar su país de origen",
    ),
    (
        3,
        "Provide accurate and timely information at all stages of migration",
        "Fournir dans les meilleurs délais des informations exactes à toutes les étapes de la migration",
        "Proporcionar información exacta y oportuna en todas las etapas de la migración",
    ),
    (
        4,
        "Ensure that all migrants have proof of legal identity and adequate documentation",
        "Munir tous les migrants d'une preuve d'identité légale et de papiers adéquats",
        "Velar por que todos los migrantes tengan pruebas de su identidad jurídica y documentación adecuada",
    ),
    (
        5,
        "Enhance availability and flexibility of pathways for regular migration",
        "Faire en sorte que les filières de migration régulière soient accessibles et plus souples",
        "Aumentar la disponibilidad y flexibilidad de las vías de migración regular",
    ),
    (
        6,
        "Facilitate fair and ethical recruitment and safeguard conditions that ensure decent work",
        "Favoriser des pratiques de recrutement justes et éthiques et assurer les conditions d'un travail décent",
        "Facilitar la contratación equitativa y ética y salvaguardar las condiciones que garantizan el trabajo decente",
    ),
    (
        7,
        "Address and reduce vulnerabilities in migration",
        "S'attaquer aux facteurs de vulnérabilité liés aux migrations et les réduire",
        "Abordar y reducir las vulnerabilidades en la migración",
    ),
    (
        8,
        "Save lives and establish coordinated international efforts on missing migrants",
        "Sauver des vies et mettre en place une action internationale coordonnée pour retrouver les migrants disparus",
        "Salvar vidas y emprender iniciativas internacionales coordinadas sobre los migrantes desaparecidos",
    ),
    (
        9,
        "Strengthen the transnational response to smuggling of migrants",
        "Renforcer l'action transnationale face au trafic de migrants",
        "Reforzar la respuesta transnacional al tráfico ilícito de migrantes",
    ),
    (
        10,
        "Prevent, combat and eradicate trafficking in persons in the context of international migration",
        "Prévenir, combattre et éliminer la traite de personnes dans le cadre des migrations internationales",
        "Prevenir, combatir y erradicar la trata de personas en el contexto de la migración internacional",
    ),
    (
        11,
        "Manage borders in an integrated, secure and coordinated manner",
        "Gérer les frontières de manière intégrée, sûre et coordonnée",
        "Gestionar las fronteras de manera integrada, segura y coordinada",
    ),
    (
        12,
        "Strengthen certainty and predictability in migration procedures for appropriate screening, assessment and referral",
        "Renforcer la certitude et la prévisibilité des procédures migratoires pour permettre des contrôles, des évaluations et une orientation appropriés",
        "Aumentar la certidumbre y previsibilidad de los procedimientos migratorios para la adecuada verificación de antecedentes, evaluación y derivación",
    ),
    (
        13,
        "Use migration detention only as a measure of last resort and work towards alternatives",
        "Ne recourir au placement en rétention administrative des migrants qu'en dernier ressort et chercher des solutions de rechange",
        "Utilizar la detención de migrantes solo como último recurso y buscar otras alternativas",
    ),
    (
        14,
        "Enhance consular protection, assistance and cooperation throughout the migration cycle",
        "Renforcer la protection, l'assistance et la coopération consulaires tout au long du cycle migratoire",
        "Mejorar la protección, asistencia y cooperación consulares a lo largo de todo el ciclo migratorio",
    ),
    (
        15,
        "Provide access to basic services for migrants",
        "Assurer l'accès des migrants aux services de base",
        "Proporcionar a los migrantes acceso a servicios básicos",
    ),
    (
        16,
        "Empower migrants and societies to realize full inclusion and social cohesion",
        "Donner aux migrants et aux sociétés les moyens de réaliser la pleine intégration et la cohésion sociale",
        "Empoderar a los migrantes y las sociedades para lograr la plena inclusión y la cohesión social",
    ),
    (
        17,
        "Eliminate all forms of discrimination and promote evidence-based public discourse to shape perceptions of migration",
        "Éliminer toutes les formes de discrimination et encourager un débat public fondé sur l'analyse des faits afin de faire évoluer la manière dont les migrations sont perçues",
        "Eliminar todas las formas de discriminación y promover un discurso público con base empírica para modificar las percepciones de la migración",
    ),
    (
        18,
        "Invest in skills development and facilitate mutual recognition of skills, qualifications and competences",
        "Investir dans le perfectionnement des compétences et faciliter la reconnaissance mutuelle des aptitudes, qualifications et compétences",
        "Invertir en el desarrollo de aptitudes y facilitar el reconocimiento mutuo de aptitudes, cualificaciones y competencias",
    ),
    (
        19,
        "Create conditions for migrants and diasporas to fully contribute to sustainable development in all countries",
        "Créer les conditions permettant aux migrants et aux diasporas de contribuer pleinement au développement durable dans tous les pays",
        "Crear las condiciones necesarias para que los migrantes y las diásporas puedan contribuir plenamente al desarrollo sostenible en todos los países",
    ),
    (
        20,
        "Promote faster, safer and cheaper transfer of remittances and foster financial inclusion of migrants",
        "Rendre les envois de fonds plus rapides, plus sûrs et moins coûteux et favoriser l'inclusion financière des migrants",
        "Promover transferencias de remesas más rápidas, seguras y económicas y fomentar la inclusión financiera de los migrantes",
    ),
    (
        21,
        "Cooperate in facilitating safe and dignified return and readmission, as well as sustainable reintegration",
        "Coopérer en vue de faciliter le retour et la réadmission des migrants en toute sécurité et dans la dignité, ainsi que leur réintégration durable",
        "Colaborar para facilitar el regreso y la readmisión en condiciones de seguridad y dignidad, así como la reintegración sostenible",
    ),
    (
        22,
        "Establish mechanisms for the portability of social security entitlements and earned benefits",
        "Mettre en place des mécanismes de portabilité de la sécurité sociale et des avantages acquis",
        "Establecer mecanismos para la portabilidad de la seguridad social y las prestaciones adquiridas",
    ),
    (
        23,
        "Strengthen international cooperation and global partnerships for safe, orderly and regular migration",
        "Renforcer la coopération internationale et les partenariats mondiaux pour des migrations sûres, ordonnées et régulières",
        "Fortalecer la cooperación internacional y las alianzas mundiales para la migración segura, ordenada y regular",
    ),
]

GCM_GUIDING_PRINCIPLES = [
    (1, "People-centred", "Priorité à la dimension humaine", "Centrarse en las personas"),
    (2, "International cooperation", "Coopération internationale", "Cooperación internacional"),
    (3, "National sovereignty", "Souveraineté nationale", "Soberanía nacional"),
    (
        4,
        "Rule of law and due process",
        "État de droit et garanties d'une procédure régulière",
        "Estado de derecho y garantías procesales",
    ),
    (5, "Sustainable development", "Développement durable", "Desarrollo sostenible"),
    (6, "Human rights", "Droits de l'homme", "Derechos humanos"),
    (
        7,
        "Gender-responsive",
        "Prise en compte de la problématique femmes-hommes",
        "Perspectiva de género",
    ),
    (8, "Child-sensitive", "Prise en compte de la situation des enfants", "Perspectiva infantil"),
    (
        9,
        "Whole-of-government approach",
        "Approche mobilisant l'ensemble des pouvoirs publics",
        "Enfoque pangubernamental",
    ),
    (
        10,
        "Whole-of-society approach",
        "Approche mobilisant l'ensemble de la société",
        "Enfoque pansocial",
    ),
]

GCR_OBJECTIVES = [
    (
        1,
        "Ease pressures on host countries",
        "Alléger la pression sur les pays d'accueil",
        "Aliviar las presiones sobre los países de acogida",
    ),
    (
        2,
        "Enhance refugee self-reliance",
        "Renforcer l'autonomie des réfugiés",
        "Fomentar la autosuficiencia de los refugiados",
    ),
    (
        3,
        "Expand access to third-country solutions",
        "Élargir l'accès aux solutions dans des pays tiers",
        "Ampliar el acceso a las soluciones en terceros países",
    ),
    (
        4,
        "Support conditions in countries of origin for return in safety and dignity",
        "Favoriser dans les pays d'origine les conditions d'un retour dans la sécurité et la dignité",
        "Favorecer en los países de origen condiciones que propicien un retorno en condiciones de seguridad y dignidad",
    ),
]

# (code, parent code or None, en, fr, es) — the "areas in need of support" of the GCR programme of action.
GCR_AREAS = [
    ("GCR-A1", None, "Reception and admission", "Accueil et admission", "Recepción y admisión"),
    (
        "GCR-A2",
        None,
        "Meeting needs and supporting communities",
        "Répondre aux besoins et soutenir les communautés",
        "Satisfacción de necesidades y apoyo a las comunidades",
    ),
    ("GCR-A2.1", "GCR-A2", "Education", "Éducation", "Educación"),
    (
        "GCR-A2.2",
        "GCR-A2",
        "Jobs and livelihoods",
        "Emplois et moyens de subsistance",
        "Empleo y medios de vida",
    ),
    ("GCR-A2.3", "GCR-A2", "Health", "Santé", "Salud"),
    ("GCR-A2.4", "GCR-A2", "Women and girls", "Femmes et filles", "Mujeres y niñas"),
    (
        "GCR-A2.5",
        "GCR-A2",
        "Children, adolescents and youth",
        "Enfants, adolescents et jeunes",
        "Niños, adolescentes y jóvenes",
    ),
    (
        "GCR-A2.6",
        "GCR-A2",
        "Accommodation, energy and natural resource management",
        "Logement, énergie et gestion des ressources naturelles",
        "Alojamiento, energía y gestión de los recursos naturales",
    ),
    (
        "GCR-A2.7",
        "GCR-A2",
        "Food security and nutrition",
        "Sécurité alimentaire et nutrition",
        "Seguridad alimentaria y nutrición",
    ),
    ("GCR-A2.8", "GCR-A2", "Civil registries", "État civil", "Registro civil"),
    ("GCR-A2.9", "GCR-A2", "Statelessness", "Apatridie", "Apatridia"),
    (
        "GCR-A2.10",
        "GCR-A2",
        "Fostering good relations and peaceful coexistence",
        "Favoriser les bonnes relations et la coexistence pacifique",
        "Fomento de las buenas relaciones y la coexistencia pacífica",
    ),
    ("GCR-A3", None, "Solutions", "Solutions", "Soluciones"),
    (
        "GCR-A3.1",
        "GCR-A3",
        "Voluntary repatriation",
        "Rapatriement librement consenti",
        "Repatriación voluntaria",
    ),
    ("GCR-A3.2", "GCR-A3", "Resettlement", "Réinstallation", "Reasentamiento"),
    (
        "GCR-A3.3",
        "GCR-A3",
        "Complementary pathways for admission to third countries",
        "Voies complémentaires d'admission dans des pays tiers",
        "Vías complementarias de admisión en terceros países",
    ),
    ("GCR-A3.4", "GCR-A3", "Local integration", "Intégration sur place", "Integración local"),
    (
        "GCR-A3.5",
        "GCR-A3",
        "Other local solutions",
        "Autres solutions locales",
        "Otras soluciones locales",
    ),
]

SDGS = [
    (1, "No poverty", "Pas de pauvreté", "Fin de la pobreza"),
    (2, "Zero hunger", "Faim « zéro »", "Hambre cero"),
    (3, "Good health and well-being", "Bonne santé et bien-être", "Salud y bienestar"),
    (4, "Quality education", "Éducation de qualité", "Educación de calidad"),
    (5, "Gender equality", "Égalité entre les sexes", "Igualdad de género"),
    (6, "Clean water and sanitation", "Eau propre et assainissement", "Agua limpia y saneamiento"),
    (
        7,
        "Affordable and clean energy",
        "Énergie propre et d'un coût abordable",
        "Energía asequible y no contaminante",
    ),
    (
        8,
        "Decent work and economic growth",
        "Travail décent et croissance économique",
        "Trabajo decente y crecimiento económico",
    ),
    (
        9,
        "Industry, innovation and infrastructure",
        "Industrie, innovation et infrastructure",
        "Industria, innovación e infraestructura",
    ),
    (10, "Reduced inequalities", "Inégalités réduites", "Reducción de las desigualdades"),
    (
        11,
        "Sustainable cities and communities",
        "Villes et communautés durables",
        "Ciudades y comunidades sostenibles",
    ),
    (
        12,
        "Responsible consumption and production",
        "Consommation et production responsables",
        "Producción y consumo responsables",
    ),
    (
        13,
        "Climate action",
        "Mesures relatives à la lutte contre les changements climatiques",
        "Acción por el clima",
    ),
    (14, "Life below water", "Vie aquatique", "Vida submarina"),
    (15, "Life on land", "Vie terrestre", "Vida de ecosistemas terrestres"),
    (
        16,
        "Peace, justice and strong institutions",
        "Paix, justice et institutions efficaces",
        "Paz, justicia e instituciones sólidas",
    ),
    (
        17,
        "Partnerships for the goals",
        "Partenariats pour la réalisation des objectifs",
        "Alianzas para lograr los objetivos",
    ),
]

POPULATION_GROUPS = [
    ("migrants", "Migrants", "Migrants", "Migrantes"),
    ("refugees", "Refugees", "Réfugiés", "Refugiados"),
    ("asylum-seekers", "Asylum seekers", "Demandeurs d'asile", "Solicitantes de asilo"),
    (
        "internally-displaced",
        "Internally displaced people",
        "Personnes déplacées à l'intérieur de leur propre pays",
        "Desplazados internos",
    ),
    ("stateless", "Stateless people", "Apatrides", "Apátridas"),
    ("returnees", "Returnees", "Rapatriés", "Retornados"),
    ("host-communities", "Host communities", "Communautés d'accueil", "Comunidades de acogida"),
]

# UN M49 regions and the sub-regions (intermediate regions where M49 has them) countries belong to.
# (m49 code, parent m49 code or None, en, fr, es)
M49_REGIONS = [
    ("002", None, "Africa", "Afrique", "África"),
    ("019", None, "Americas", "Amériques", "Américas"),
    ("142", None, "Asia", "Asie", "Asia"),
    ("150", None, "Europe", "Europe", "Europa"),
    ("009", None, "Oceania", "Océanie", "Oceanía"),
    ("015", "002", "Northern Africa", "Afrique du Nord", "África septentrional"),
    ("014", "002", "Eastern Africa", "Afrique de l'Est", "África oriental"),
    ("017", "002", "Middle Africa", "Afrique centrale", "África central"),
    ("018", "002", "Southern Africa", "Afrique australe", "África meridional"),
    ("011", "002", "Western Africa", "Afrique de l'Ouest", "África occidental"),
    ("029", "019", "Caribbean", "Caraïbes", "Caribe"),
    ("013", "019", "Central America", "Amérique centrale", "Centroamérica"),
    ("005", "019", "South America", "Amérique du Sud", "Sudamérica"),
    ("021", "019", "Northern America", "Amérique septentrionale", "América septentrional"),
    ("143", "142", "Central Asia", "Asie centrale", "Asia central"),
    ("030", "142", "Eastern Asia", "Asie de l'Est", "Asia oriental"),
    ("035", "142", "South-eastern Asia", "Asie du Sud-Est", "Asia sudoriental"),
    ("034", "142", "Southern Asia", "Asie du Sud", "Asia meridional"),
    ("145", "142", "Western Asia", "Asie de l'Ouest", "Asia occidental"),
    ("151", "150", "Eastern Europe", "Europe de l'Est", "Europa oriental"),
    ("154", "150", "Northern Europe", "Europe du Nord", "Europa septentrional"),
    ("039", "150", "Southern Europe", "Europe du Sud", "Europa meridional"),
    ("155", "150", "Western Europe", "Europe de l'Ouest", "Europa occidental"),
    (
        "053",
        "009",
        "Australia and New Zealand",
        "Australie et Nouvelle-Zélande",
        "Australia y Nueva Zelandia",
    ),
    ("054", "009", "Melanesia", "Mélanésie", "Melanesia"),
    ("057", "009", "Micronesia", "Micronésie", "Micronesia"),
    ("061", "009", "Polynesia", "Polynésie", "Polinesia"),
]
