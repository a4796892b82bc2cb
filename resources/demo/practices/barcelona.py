"""Practices of Barcelona."""

from resources.demo.text import callout, heading, ol, p, paragraph, quote, ul

CITY = "barcelona"

PRACTICES = [
    {
        "slug": "proteccio-espais-concorreguts-festes-majors",
        "title": "Protocol de protecció d'espais concorreguts a les festes majors de barri",
        "language": "ca",
        "summary": (
            "Cada estiu, més de setanta festes majors omplen carrers i places de Barcelona. El protocol ordena "
            "com l'Ajuntament, la Guàrdia Urbana, els Mossos d'Esquadra i les comissions de festes valoren els "
            "riscos de cada festa i acorden mesures proporcionades, sense perdre el caràcter obert de la festa."
        ),
        "phase": "protect",
        "themes": ["protection-of-crowded-places", "multi-agency-cooperation"],
        "status": "ongoing",
        "evaluation": "internal",
        "start": "2018-06-01",
        "last_verified": "2026-05-12",
        "audiences": "Comissions de festes, districtes, serveis de seguretat i protecció civil",
        "partners": [
            "Gerència de Seguretat i Prevenció",
            "Guàrdia Urbana de Barcelona",
            "Mossos d'Esquadra",
            "Protecció Civil municipal",
            "Districtes",
            "Federacions de comissions de festes",
        ],
        "budget": (
            "Un tècnic de seguretat d'esdeveniments per districte durant la temporada de festes. Les mesures "
            "físiques (elements de tancament temporal, senyalització) es financen del pressupost de cada districte."
        ),
        "objectives": ul(
            "Aplicar criteris comuns de valoració del risc a totes les festes, grans i petites.",
            "Acordar les mesures amb les comissions de festes, que coneixen el barri i el seu públic.",
            "Mantenir les festes obertes i gratuïtes, amb mesures proporcionades al risc.",
        ),
        "method": ol(
            "Al febrer, cada districte recull el programa de les festes i els espais que s'hi faran servir.",
            "Un grup tècnic valora cada espai amb una fitxa comuna: aforament, accessos, vies d'evacuació i "
            "actes de més concurrència.",
            "Les mesures es pacten en una reunió amb la comissió de festes i els cossos de seguretat.",
            "Durant la festa, un punt de coordinació reuneix els responsables en els actes de més públic.",
            "Al setembre, una sessió de retorn recull què ha funcionat i què cal canviar.",
        ),
        "outcomes": p(
            "El 2025 el protocol es va aplicar a 74 festes. Totes disposaven d'una fitxa de risc compartida i "
            "d'un pla d'evacuació conegut per la comissió. Les comissions valoren sobretot la reunió prèvia: en "
            "l'enquesta interna, el 88 % la considera útil o molt útil.",
        ),
        "lessons": ul(
            "Les comissions de festes són aliades: coneixen els punts crítics millor que ningú.",
            "Una fitxa senzilla i igual per a tothom evita discussions sobre per què una festa té més mesures "
            "que una altra.",
            "La comunicació al veïnat ha d'explicar les mesures sense generar alarma.",
        ),
        "transferability": p(
            "El protocol és aplicable a qualsevol ciutat amb festes populars al carrer. Cal un interlocutor "
            "estable a cada districte i la implicació dels cossos de seguretat des de la planificació, no només "
            "durant l'esdeveniment.",
        ),
        "body": [
            heading("Context"),
            paragraph(
                "Les festes majors són organitzades per entitats veïnals, amb molts voluntaris i pressupostos "
                "petits. Després de 2017 calia reforçar la protecció dels espais concorreguts sense convertir la "
                "festa en un recinte tancat.",
            ),
            quote(
                "No volíem tanques a tot arreu. Volíem saber on eren de debò necessàries i explicar-ho als veïns.",
                "Membre d'una comissió de festes",
            ),
            heading("Com ha evolucionat"),
            paragraph(
                "Els primers anys les mesures es decidien sobretot des dels cossos de seguretat. Des de 2020 la "
                "reunió prèvia amb la comissió és obligatòria, i la fitxa de risc es fa servir també per a "
                "altres actes al carrer, com concerts o mercats de Nadal.",
            ),
            callout(
                "Lliçó clau",
                "La proporcionalitat convenç: quan les mesures s'expliquen amb una valoració compartida, les "
                "entitats les accepten i les mantenen.",
            ),
        ],
        "published": "2019-07-02",
    },
    {
        "slug": "acompanamiento-victimas-largo-plazo",
        "title": "Modelo municipal de acompañamiento a largo plazo de víctimas de atentados",
        "language": "es",
        "summary": (
            "Una oficina municipal ofrece a víctimas, familiares y testigos de atentados un profesional de "
            "referencia que les acompaña durante años: trámites, atención psicológica, ayudas y actos de memoria. "
            "El modelo complementa las ayudas estatales y autonómicas y evita que las personas tengan que contar "
            "su historia una y otra vez."
        ),
        "phase": "recover",
        "themes": ["victim-support", "community-resilience"],
        "status": "ongoing",
        "evaluation": "external",
        "start": "2018-02-01",
        "last_verified": "2026-01-22",
        "audiences": "Víctimas, familiares, testigos, servicios sociales y sanitarios",
        "partners": [
            "Servicios sociales municipales",
            "Oficina de atención a víctimas del Ministerio de Justicia",
            "Servicio catalán de salud",
            "Asociaciones de víctimas",
            "Colegio de psicólogos",
        ],
        "budget": (
            "Cuatro profesionales de referencia y una coordinadora. Convenio con el colegio de psicólogos para "
            "la atención especializada."
        ),
        "objectives": ul(
            "Que cada persona afectada tenga una única persona de referencia.",
            "Acompañar más allá de los primeros meses, cuando otras ayudas se terminan.",
            "Coordinar las ayudas de las distintas administraciones.",
        ),
        "method": ol(
            "Contacto activo con las personas afectadas en las primeras semanas, con su consentimiento.",
            "Valoración de necesidades y plan individual revisado cada seis meses.",
            "Acompañamiento en trámites con otras administraciones y en procesos judiciales.",
            "Derivación a atención psicológica especializada cuando es necesario.",
            "Participación voluntaria en actos de memoria y grupos de apoyo mutuo.",
        ),
        "outcomes": p(
            "La oficina ha acompañado a más de 300 personas. La evaluación externa de 2023 destaca la "
            "satisfacción con la persona de referencia (media de 4,5 sobre 5) y la reducción de trámites "
            "duplicados. Señala como punto débil la atención a personas afectadas que residen en otros países.",
        ),
        "lessons": ul(
            "El contacto activo es imprescindible: muchas personas no piden ayuda por sí mismas.",
            "Las necesidades cambian con el tiempo; los aniversarios y los juicios reabren heridas.",
            "Las víctimas extranjeras necesitan acuerdos con servicios de sus países de residencia.",
        ),
        "transferability": p(
            "El modelo puede adaptarse en ciudades de distinto tamaño. Requiere un marco legal que permita "
            "compartir datos de contacto con la oficina municipal y acuerdos estables con las administraciones "
            "que gestionan las ayudas.",
        ),
        "body": [
            heading("Por qué un modelo municipal"),
            paragraph(
                "Las ayudas a víctimas dependen de varias administraciones. Para las personas afectadas eso "
                "significa formularios distintos, plazos distintos y tener que explicar lo vivido a cada nuevo "
                "interlocutor. El ayuntamiento es la administración más cercana y la que permanece.",
            ),
            quote(
                "Lo más importante fue que siempre era la misma persona la que me llamaba. No tenía que "
                "empezar de cero.",
                "Familiar de una persona herida",
            ),
            heading("Lo que hemos aprendido"),
            paragraph(
                "Los grupos de apoyo mutuo funcionan mejor cuando los proponen las propias víctimas. La oficina "
                "facilita espacio y apoyo profesional, pero no los dirige.",
            ),
            callout(
                "Para otras ciudades",
                "Preparen el modelo antes de necesitarlo: acuerdos de intercambio de datos, perfiles "
                "profesionales y protocolos de contacto.",
            ),
        ],
        "published": "2020-11-20",
    },
    {
        "slug": "youth-mentoring-polarised-neighbourhoods",
        "title": "Youth mentoring in neighbourhoods with polarisation tensions",
        "summary": (
            "Trained mentors from the neighbourhood, most of them in their twenties, work with teenagers "
            "referred by schools and youth services because of signs of growing hostility towards other groups. "
            "The programme combines one-to-one mentoring with joint activities across communities."
        ),
        "phase": "prevent",
        "themes": ["prevention-of-radicalisation", "community-resilience"],
        "status": "ongoing",
        "evaluation": "internal",
        "start": "2021-01-15",
        "last_verified": "2025-12-01",
        "audiences": "Young people aged 13 to 19, schools, youth workers, families",
        "partners": [
            "Municipal youth services",
            "Secondary schools in three districts",
            "Community and sports associations",
            "Municipal police (community officers)",
        ],
        "budget": (
            "A coordinator, a psychologist for supervision, and 24 part-time mentors paid by the hour. About "
            "EUR 310,000 a year."
        ),
        "objectives": ul(
            "Give young people at risk a trusted adult who is not a teacher, parent or police officer.",
            "Reduce hostile attitudes and involvement in conflicts between groups.",
            "Strengthen links between families and local services.",
        ),
        "method": ol(
            "Schools and youth workers refer young people with the family's consent.",
            "A mentor meets the young person weekly for at least nine months.",
            "Monthly joint activities bring young people from different communities together around sport, "
            "music and volunteering.",
            "Mentors meet every two weeks for group supervision with a psychologist.",
        ),
        "outcomes": p(
            "By the end of 2025, 212 young people had taken part. Among those who completed nine months, 71 per "
            "cent showed less hostile attitudes on a validated scale, and school absence fell by a third. Twelve "
            "young people left the programme early, most of them because their families moved.",
        ),
        "lessons": ul(
            "Mentors from the neighbourhood are trusted more quickly, but need strong supervision.",
            "The joint activities only work when young people help choose them.",
            "Clear rules on what mentors must pass on, and to whom, protect both the mentor and the young person.",
        ),
        "transferability": p(
            "The programme depends on recruiting mentors who are credible to young people and on a stable "
            "referral route from schools. It has been adapted in a medium-sized Catalan town with fewer mentors "
            "and referrals from primary care as well.",
        ),
        "body": [
            heading("Background"),
            paragraph(
                "Youth workers in three districts noticed more fights between groups of teenagers defined by "
                "origin or religion, and more hostile content shared in their group chats. Most of these young "
                "people were far from any extremist group, but existing services had little to offer them.",
            ),
            quote(
                "He did not come to talk about ideas. He came because we played football on Thursdays. The "
                "ideas came later.",
                "Mentor, two years in the programme",
            ),
            callout(
                "Sensitive information",
                "Individual cases are discussed only in the programme's supervision group. This page describes "
                "the approach; it contains no information on individuals.",
            ),
        ],
        "members_only": True,
        "published": "2022-03-14",
    },
    {
        "slug": "comunicacion-crisis-redes-grandes-eventos",
        "title": "Comunicación de crisis en redes sociales durante grandes eventos",
        "language": "es",
        "summary": (
            "Durante tres temporadas de grandes eventos, un equipo conjunto de comunicación del ayuntamiento y de "
            "los servicios de emergencia vigiló las redes sociales, respondió a rumores y publicó mensajes "
            "preparados para emergencias. El proyecto terminó en 2024 y su protocolo forma parte ahora del plan "
            "municipal de emergencias."
        ),
        "phase": "respond",
        "themes": ["strategic-communication", "online-threats"],
        "status": "completed",
        "evaluation": "internal",
        "start": "2022-05-01",
        "end": "2024-12-31",
        "audiences": "Equipos de comunicación municipales y de los servicios de emergencia",
        "partners": [
            "Dirección de comunicación del ayuntamiento",
            "Guardia Urbana",
            "Bomberos de Barcelona",
            "Servicio de emergencias médicas",
            "Organizadores de los eventos",
        ],
        "budget": (
            "Tres personas del área de comunicación en cada evento, más una herramienta de escucha social "
            "ya contratada."
        ),
        "objectives": ul(
            "Detectar pronto rumores y contenidos falsos que puedan provocar pánico o aglomeraciones.",
            "Hablar con una sola voz entre ayuntamiento y servicios de emergencia.",
            "Tener mensajes preparados y traducidos antes de que ocurra un incidente.",
        ),
        "method": ol(
            "Antes de cada evento se preparan mensajes tipo en cinco idiomas para distintos escenarios.",
            "Durante el evento, el equipo conjunto trabaja en la sala de coordinación junto a los mandos.",
            "Los rumores se clasifican por gravedad; solo se responden los que pueden cambiar conductas.",
            "Tras el evento, una revisión breve recoge qué mensajes funcionaron.",
        ),
        "outcomes": p(
            "El equipo trabajó en 19 eventos. En dos ocasiones detectó rumores de incidentes inexistentes que "
            "se estaban difundiendo rápidamente y los desmintió en menos de veinte minutos, con el apoyo de las "
            "cuentas de los organizadores. Los mensajes tipo se usaron en seis incidentes menores.",
        ),
        "lessons": ul(
            "Estar en la misma sala que los mandos es lo que permite responder en minutos.",
            "No todos los rumores merecen respuesta; responder a todos amplifica algunos.",
            "Las cuentas de los organizadores y de los artistas llegan a más público que las institucionales.",
        ),
        "transferability": p(
            "Cualquier ciudad que acoja grandes eventos puede aplicar el protocolo. Requiere acuerdos previos "
            "con los organizadores y un criterio compartido sobre cuándo responder a un rumor.",
        ),
        "body": [
            heading("El punto de partida"),
            paragraph(
                "En un concierto de 2021, un vídeo antiguo presentado como actual provocó carreras en una de las "
                "salidas. Nadie resultó herido, pero quedó claro que la comunicación debía formar parte del "
                "dispositivo de seguridad y no ir por detrás.",
            ),
            quote(
                "Un mensaje claro a tiempo evita más problemas que cualquier valla.",
                "Responsable de comunicación de emergencias",
            ),
            callout(
                "Lección clave",
                "Preparar y traducir los mensajes antes del evento ahorra los minutos que más importan.",
            ),
        ],
        "published": "2025-02-18",
    },
    {
        "slug": "formacio-conjunta-primers-intervinents",
        "title": "Formació conjunta de primers intervinents per a incidents amb múltiples víctimes",
        "language": "ca",
        "summary": (
            "Policia, bombers i sanitaris es formen junts en la resposta als primers minuts d'un incident amb "
            "múltiples víctimes: comandament unificat, zones de treball i evacuació de ferits. La formació "
            "combina sessions a l'aula i simulacres en espais reals de la ciutat."
        ),
        "phase": "respond",
        "themes": ["training-and-exercises", "crisis-management-and-recovery", "multi-agency-cooperation"],
        "status": "ongoing",
        "evaluation": "internal",
        "start": "2023-09-01",
        "last_verified": "2026-06-30",
        "audiences": "Comandaments i personal operatiu de policia, bombers i emergències mèdiques",
        "partners": [
            "Guàrdia Urbana de Barcelona",
            "Mossos d'Esquadra",
            "Bombers de Barcelona",
            "Sistema d'Emergències Mèdiques",
            "Escola de Policia",
        ],
        "budget": "Quatre edicions anuals de dos dies, amb 40 participants cadascuna. Formadors dels mateixos cossos.",
        "objectives": ul(
            "Que els primers comandaments de cada cos treballin amb un llenguatge i uns procediments comuns.",
            "Reduir el temps fins a l'atenció i l'evacuació dels ferits.",
            "Conèixer-se abans de l'emergència.",
        ),
        "method": ol(
            "Primer dia a l'aula: procediments comuns i casos estudiats d'altres ciutats europees.",
            "Segon dia: simulacre en un espai real, amb figurants i observadors de cada cos.",
            "Retorn immediat i informe escrit amb propostes de millora als procediments.",
        ),
        "outcomes": p(
            "Fins a mitjan 2026 s'han format unes 450 persones. Els simulacres mostren una reducció clara del "
            "temps fins a establir el comandament unificat. Les propostes de millora han portat a revisar "
            "dos procediments conjunts.",
        ),
        "lessons": ul(
            "Formar-se junts canvia la manera de comunicar-se durant l'emergència.",
            "Els observadors creuats (un bomber que observa la policia, i a l'inrevés) aporten la millor crítica.",
        ),
        "transferability": p(
            "La formació es pot reproduir on els cossos tinguin voluntat de compartir procediments. Els "
            "continguts operatius detallats només es comparteixen entre serveis d'emergència.",
        ),
        "body": [
            heading("Per què conjunta"),
            paragraph(
                "Els estudis d'atemptats a diverses ciutats europees coincideixen: els primers minuts depenen de "
                "com es coordinen els cossos que arriben primer. Cada cos es formava pel seu compte.",
            ),
            quote(
                "Al simulacre vaig entendre per què els sanitaris necessitaven saber on era la zona segura "
                "abans que jo pensés a dir-ho.",
                "Caporal de la Guàrdia Urbana",
            ),
            callout(
                "Nota",
                "Aquesta fitxa descriu el format de la formació. Els procediments operatius no es publiquen.",
            ),
        ],
        "members_only": True,
        "published": "2024-06-05",
    },
]
