"""Practices of Paris."""

from resources.demo.text import bullets, callout, heading, ol, p, paragraph, quote, ul

CITY = "paris"

PRACTICES = [
    {
        "slug": "soutien-psychologique-agents-apres-attentat",
        "title": "Une cellule municipale de soutien psychologique pour les agents après un attentat",
        "language": "fr",
        "summary": (
            "La Ville a créé une cellule qui peut être activée en quelques heures pour accompagner les agents "
            "municipaux exposés à un attentat ou à un événement grave : agents de propreté, de voirie, des "
            "mairies d'arrondissement ou des équipements sportifs. Elle associe psychologues du travail, "
            "médecins de prévention et encadrants formés."
        ),
        "phase": "recover",
        "themes": ["victim-support", "crisis-management-and-recovery"],
        "status": "ongoing",
        "evaluation": "internal",
        "start": "2017-02-01",
        "last_verified": "2025-12-15",
        "audiences": "Agents municipaux, encadrants, services de ressources humaines",
        "partners": [
            "Direction des ressources humaines",
            "Service de médecine préventive",
            "Psychologues du travail",
            "Cellules d'urgence médico-psychologique (CUMP)",
            "Organisations syndicales",
        ],
        "budget": (
            "Six psychologues du travail mobilisables, une coordinatrice, et un vivier d'environ 80 encadrants "
            "formés au premier soutien. Formation : une journée, actualisée chaque année."
        ),
        "objectives": ul(
            "Proposer un soutien à chaque agent exposé dans les 48 heures.",
            "Former les encadrants à repérer les signes de détresse et à orienter.",
            "Assurer un suivi dans la durée, en lien avec la médecine préventive.",
        ),
        "method": ol(
            "Activation de la cellule par la direction concernée ou par la cellule de crise de la Ville.",
            "Entretiens collectifs et individuels sur le lieu de travail, proposés sans obligation.",
            "Orientation vers la CUMP ou vers un suivi spécialisé si nécessaire.",
            "Recontact systématique à un mois et à six mois.",
        ),
        "outcomes": p(
            "Depuis 2017, la cellule a été activée 37 fois, pour des attentats, des agressions d'agents et des "
            "accidents graves. Plus de 2 000 agents ont bénéficié d'un entretien. Le bilan interne montre que "
            "les recontacts à un mois ont permis d'orienter des agents qui n'avaient rien demandé au départ.",
        ),
        "lessons": ul(
            "Les agents des équipes de nuit et des prestataires sont les plus difficiles à joindre.",
            "Les encadrants formés sont le premier relais ; sans eux la cellule n'est pas sollicitée.",
            "Le suivi à six mois est souvent le moment où les difficultés apparaissent.",
        ),
        "transferability": p(
            "Toute grande collectivité employeur peut mettre en place une cellule de ce type. Il faut un accord "
            "préalable avec la médecine préventive et une procédure d'activation connue de toutes les directions.",
        ),
        "body": [
            heading("Origine"),
            paragraph(
                "Après les attentats de 2015, de nombreux agents municipaux avaient été exposés : ceux qui "
                "avaient nettoyé les rues, accueilli les familles en mairie ou ouvert les gymnases. Beaucoup "
                "n'avaient reçu aucun soutien spécifique.",
            ),
            quote(
                "On nous a remerciés, et c'était important. Mais personne ne nous avait demandé comment nous "
                "allions, trois mois après.",
                "Agent d'une mairie d'arrondissement",
            ),
            heading("Ce que nous ferions autrement"),
            paragraph(
                "Nous associerions les organisations syndicales dès la conception. Elles ont ensuite joué un "
                "rôle clé pour faire connaître la cellule auprès des agents.",
            ),
            callout(
                "À retenir",
                "Le soutien doit aller vers les agents, sur leur lieu de travail, et non attendre qu'ils le demandent.",
            ),
        ],
        "published": "2018-11-05",
    },
    {
        "slug": "exercices-mise-en-surete-ecoles",
        "title": "Exercices de mise en sûreté dans les écoles",
        "language": "fr",
        "summary": (
            "Les écoles de la ville organisent chaque année des exercices de mise en sûreté, préparés avec les "
            "directeurs, les animateurs périscolaires et la police municipale. Un guide adapté à l'âge des "
            "enfants aide à les réaliser sans les inquiéter."
        ),
        "phase": "protect",
        "themes": ["training-and-exercises", "community-resilience"],
        "status": "ongoing",
        "evaluation": "external",
        "start": "2018-09-01",
        "last_verified": "2026-09-10",
        "audiences": "Directeurs d'école, enseignants, animateurs, parents",
        "partners": [
            "Académie (services de l'Éducation nationale)",
            "Direction des affaires scolaires de la Ville",
            "Police municipale",
            "Associations de parents d'élèves",
        ],
        "budget": "Deux référents sûreté pour l'ensemble des écoles ; guide et affiches financés par la Ville.",
        "objectives": ul(
            "Que chaque école sache se confiner ou s'échapper selon la situation.",
            "Inclure le temps périscolaire, souvent oublié des exercices.",
            "Rassurer plutôt qu'inquiéter les enfants et les familles.",
        ),
        "method": ol(
            "Chaque école met à jour son plan de mise en sûreté à la rentrée avec le référent.",
            "Les enseignants disposent d'un guide pour expliquer l'exercice selon l'âge des élèves.",
            "Un exercice par an au moins, dont un sur le temps périscolaire tous les deux ans.",
            "Un retour d'expérience court est transmis au référent après chaque exercice.",
        ),
        "outcomes": p(
            "Plus de 95 % des écoles réalisent désormais au moins un exercice par an. L'évaluation externe de "
            "2022 a montré que les exercices sur le temps périscolaire révélaient le plus de difficultés : "
            "locaux partagés, personnel moins formé, listes d'enfants incomplètes.",
        ),
        "lessons": ul(
            "Présenter l'exercice comme un jeu du silence fonctionne avec les plus jeunes.",
            "Informer les parents avant l'exercice évite les inquiétudes.",
            "Les animateurs doivent être formés au même titre que les enseignants.",
        ),
        "transferability": p(
            "Le guide pédagogique est facilement adaptable. L'essentiel est d'associer dès le départ les "
            "services qui gèrent le temps périscolaire.",
        ),
        "body": [
            heading("Pourquoi un guide pour les enseignants"),
            paragraph(
                "Les premiers exercices avaient parfois inquiété les enfants, et par ricochet les familles. Le "
                "guide propose des mots et des activités adaptés à chaque âge, de la maternelle au CM2.",
            ),
            bullets(
                "Le guide contient :",
                "des phrases simples pour expliquer l'exercice ;",
                "des jeux pour apprendre à rester silencieux ;",
                "un modèle de lettre aux parents ;",
                "une fiche de retour d'expérience.",
            ),
            quote(
                "Les enfants ont vécu l'exercice comme un jeu de cache-cache très sérieux. Ils en ont parlé "
                "calmement à la maison.",
                "Directrice d'école élémentaire",
            ),
        ],
        "published": "2019-10-14",
    },
    {
        "slug": "counter-disinformation-cell-major-events",
        "title": "A counter-disinformation cell for a summer of major events",
        "summary": (
            "For the summer of 2024 the city ran a small cell that monitored false information about security "
            "and public transport around major sporting events, and worked with the prefecture and event "
            "organisers to correct it quickly. The cell closed at the end of September 2024."
        ),
        "phase": "respond",
        "themes": ["online-threats", "strategic-communication"],
        "status": "completed",
        "evaluation": "internal",
        "start": "2024-01-15",
        "end": "2024-09-30",
        "audiences": "City communication teams, prefecture, event organisers, transport operators",
        "partners": [
            "City communication directorate",
            "Prefecture of police",
            "Event organising committee",
            "Public transport operator",
            "Fact-checking journalists (informal exchange)",
        ],
        "budget": "Four analysts for six months, and a commercial social media monitoring licence.",
        "objectives": ul(
            "Spot false claims about attacks, closures or threats before they spread widely.",
            "Correct them through the most trusted channel, not necessarily the city's own.",
            "Learn which kinds of false information appear around major events.",
        ),
        "method": ol(
            "Monitoring of public posts in French and English using agreed keywords and known accounts.",
            "Triage of each claim by potential harm: risk to safety, crowding, or public order.",
            "For harmful claims, a correction agreed with the competent authority within 30 minutes.",
            "Weekly summary shared with partners; final report after the events.",
        ),
        "outcomes": p(
            "The cell logged around 1,100 claims and acted on 64. Most concerned false closures of stations and "
            "invented incidents, often recycled images from other cities. The median time to a correction was "
            "22 minutes. No false claim led to a crowd incident.",
        ),
        "lessons": ul(
            "Recycled images were the most common tactic; a library of known old images saved time.",
            "Transport operators' accounts were the most effective channel for corrections.",
            "Clear rules on what not to answer kept the cell from amplifying fringe content.",
        ),
        "transferability": p(
            "A temporary cell is realistic for any city hosting a major event. It must be linked to the "
            "authorities who can confirm facts, and have a mandate agreed in advance.",
        ),
        "body": [
            heading("Why a temporary cell"),
            paragraph(
                "Major events attract both large crowds and attention from actors who want to cause panic or "
                "embarrass the hosts. The city's regular communication team did not have the capacity to watch "
                "and respond around the clock.",
            ),
            quote(
                "The fastest correction was often a post by the transport operator saying the station was "
                "open, with a photo taken that minute.",
                "Analyst in the cell",
            ),
            callout(
                "Handling sensitive information",
                "The cell's keyword lists and the accounts it followed are not published. The final report is "
                "available to network members on request.",
            ),
        ],
        "members_only": True,
        "published": "2024-12-09",
    },
    {
        "slug": "jeunes-exposes-propagande-en-ligne",
        "title": "Repérer et accompagner les jeunes exposés à la propagande extrémiste en ligne",
        "language": "fr",
        "summary": (
            "Des éducateurs de prévention spécialisée sont formés à la culture numérique des adolescents et "
            "aux codes de la propagande extrémiste. Ils accompagnent les jeunes repérés par les établissements "
            "ou les familles, en lien avec la cellule départementale de suivi."
        ),
        "phase": "prevent",
        "themes": ["online-threats", "prevention-of-radicalisation"],
        "status": "ongoing",
        "evaluation": "none",
        "start": "2021-10-01",
        "last_verified": "2026-05-28",
        "audiences": "Éducateurs, établissements scolaires, familles",
        "partners": [
            "Associations de prévention spécialisée",
            "Cellule départementale de prévention de la radicalisation",
            "Établissements scolaires",
            "Maison des adolescents",
        ],
        "budget": "Formation de 60 éducateurs sur deux ans ; un référent numérique à temps plein.",
        "objectives": ul(
            "Donner aux éducateurs les moyens de comprendre ce que les jeunes voient en ligne.",
            "Accompagner tôt, avant toute implication dans un groupe.",
            "Associer les familles à l'accompagnement.",
        ),
        "method": ol(
            "Formation de trois jours : plateformes, codes visuels, humour et mèmes, stratégies de recrutement.",
            "Analyse de situation avec le référent numérique, sans surveillance des comptes des jeunes.",
            "Accompagnement éducatif individuel, avec la famille lorsque c'est possible.",
            "Articulation avec la cellule départementale pour les situations préoccupantes.",
        ),
        "outcomes": p(
            "Une soixantaine de jeunes ont été accompagnés depuis 2021. Les éducateurs se disent plus à l'aise "
            "pour aborder les contenus en ligne. Une évaluation est prévue en 2027.",
        ),
        "lessons": ul(
            "Les codes changent vite : la formation doit être actualisée chaque année.",
            "Parler de ce que le jeune regarde, sans le juger, ouvre le dialogue.",
        ),
        "transferability": p(
            "L'approche suppose des éducateurs déjà présents auprès des jeunes. Le contenu de la formation est "
            "partagé avec les membres du réseau.",
        ),
        "body": [
            heading("Contexte"),
            paragraph(
                "Les professionnels qui connaissent le mieux les adolescents disaient ne pas comprendre les "
                "contenus que ceux-ci partageaient. Les signaux étaient soit ignorés, soit surinterprétés.",
            ),
            quote(
                "Je croyais que c'était de l'humour potache. La formation m'a appris à reconnaître les codes, "
                "et surtout à en parler avec lui.",
                "Éducateur de prévention spécialisée",
            ),
        ],
        "members_only": True,
        "published": "2022-11-28",
    },
]
