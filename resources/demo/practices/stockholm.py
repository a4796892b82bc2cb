"""Practices of the Stockholm region (SSR)."""

from resources.demo.text import bullets, callout, heading, ol, p, paragraph, quote, ul

CITY = "stockholm"

PRACTICES = [
    {
        "slug": "shopping-centre-table-top-exercises",
        "title": "Table-top exercises with shopping centres and their tenants",
        "summary": (
            "Since 2019 the region has run half-day table-top exercises with the managers and tenants of large "
            "shopping centres, together with the blue-light services and the municipality. The exercises test "
            "the first hour of an attack and the days after, and have changed how centres brief their staff."
        ),
        "phase": "protect",
        "themes": ["training-and-exercises", "protection-of-crowded-places", "multi-agency-cooperation"],
        "status": "completed",
        "evaluation": "external",
        "start": "2019-03-01",
        "end": "2022-06-30",
        "last_verified": "2025-09-15",
        "audiences": "Shopping centre managers, security staff, tenants, municipal duty officers",
        "partners": [
            "SSR secretariat",
            "Police Region Stockholm",
            "Greater Stockholm Fire Brigade",
            "Region Stockholm (health care)",
            "Eleven participating municipalities",
            "Property owners' association",
        ],
        "budget": (
            "One exercise planner at half time for three years, paid from the SSR budget; the centres provided "
            "rooms and staff time. External evaluation: SEK 180,000."
        ),
        "objectives": ul(
            "Make sure centre staff know what to do in the first minutes, and whom to call.",
            "Build personal contacts between centre security managers and the public services before they are needed.",
            "Find the gaps in handover between the emergency phase and the reopening of a centre.",
        ),
        "method": ol(
            "The centre and the SSR planner agree the purpose and the participants six to eight weeks ahead.",
            "A generic scenario is played in four injects, from the first alarm to the reopening days later.",
            "Each organisation answers from its real role; nobody is assessed.",
            "A 45-minute debrief ends with actions, each with an owner and a date.",
            "The planner follows up the actions after three and twelve months.",
        ),
        "outcomes": p(
            "Twenty-three exercises were held with 19 centres and about 640 participants. In the follow-up, 17 "
            "centres had changed their staff briefing and 12 had agreed a named contact at the municipality for "
            "the recovery phase. The external evaluation found that participants from tenants, who are rarely "
            "included in exercises, valued the sessions most.",
        ),
        "lessons": ul(
            "Invite the tenants: shop staff are the ones who will shelter customers.",
            "Keep the scenario generic; a realistic site plan makes the discussion about the building rather "
            "than about cooperation.",
            "The reopening inject produced more new actions than the emergency phase.",
        ),
        "transferability": p(
            "The format needs a planner with exercise experience, a contact list of centre managers and the "
            "willingness of the blue-light services to send liaison officers for half a day. The facilitator's "
            "guide is attached and has been used in two other member cities.",
        ),
        "body": [
            heading("Why shopping centres"),
            paragraph(
                "Shopping centres are private property but public places. In the region's risk assessment they "
                "came up as places where many organisations would have to work together at once, and where the "
                "people first on the scene would be shop assistants and guards rather than police officers.",
                "Most exercises in the region had until then been held by and for public authorities. Centre "
                "managers told us they had never been asked to take part.",
            ),
            quote(
                "We had a plan for fire. We had never talked about what our staff should do with two hundred "
                "customers in the shops if we could not evacuate.",
                "Security manager of a participating centre",
            ),
            heading("What we changed along the way"),
            paragraph(
                "The first exercises ran for a full day and lost the tenants after lunch. We cut them to four "
                "hours, moved them to weekday mornings and added the reopening inject, which turned out to be "
                "where most of the open questions were: who pays for cleaning, who decides that the centre is "
                "safe, and how staff who were there are supported when they return to work.",
            ),
            callout(
                "Key lesson",
                "Exercises with private partners work when they are short, practical and end with a list of "
                "actions that the partners themselves own.",
            ),
        ],
        "attachments": [("stockholm-exercise-guide", "Facilitator's guide (PDF)")],
        "published": "2022-10-04",
    },
    {
        "slug": "gemensam-lagesbild",
        "title": "Gemensam lägesbild vid allvarliga händelser i Stockholmsregionen",
        "language": "sv",
        "summary": (
            "SSR:s aktörer tar fram en gemensam lägesbild genom korta samverkansmöten enligt en fast mall. "
            "Rutinen används vid alla allvarliga händelser som berör flera organisationer och har prövats både i "
            "övningar och skarpt."
        ),
        "phase": "respond",
        "themes": ["multi-agency-cooperation", "crisis-management-and-recovery"],
        "status": "ongoing",
        "evaluation": "internal",
        "start": "2018-09-01",
        "last_verified": "2026-02-20",
        "audiences": "Tjänstepersoner i beredskap hos kommuner, region, länsstyrelse och myndigheter",
        "partners": [
            "Länsstyrelsen i Stockholms län",
            "Region Stockholm",
            "Polisregion Stockholm",
            "Storstockholms brandförsvar",
            "Regionens 26 kommuner",
        ],
        "budget": (
            "Ingår i ordinarie beredskapsorganisation. Utbildning av mötesledare: två dagar per person, cirka 60 "
            "personer utbildade."
        ),
        "objectives": p(
            "Att alla berörda aktörer snabbt får samma bild av vad som har hänt, vad som görs och vad som "
            "behövs, så att resurser kan samordnas och budskapen till allmänheten hänger ihop.",
        ),
        "method": ol(
            "Den aktör som först ser behovet kallar till möte via den regionala samverkanskanalen.",
            "Varje aktör redovisar tre punkter: vad vi vet, vad vi gör, vad vi behöver av andra.",
            "Mötesledaren sammanfattar beslut, stödbehov och gemensamma budskap i en mall.",
            "Lägesbilden skickas ut inom 30 minuter och nästa möte bokas innan deltagarna lämnar.",
        ),
        "outcomes": p(
            "Rutinen har använts vid ett fyrtiotal händelser sedan 2018, bland annat vid stora störningar i "
            "kollektivtrafiken, vid värmeböljor och vid hot mot offentliga verksamheter. Den interna "
            "utvärderingen visar att tiden från kallelse till utskickad lägesbild har minskat från i genomsnitt "
            "två timmar till under en timme.",
        ),
        "lessons": ul(
            "En fast ordning för redovisningen gör mötena korta även med många deltagare.",
            "Kommunikatörerna måste vara med från första mötet, inte kopplas in efteråt.",
            "Mötesledare behöver öva regelbundet; rutinen glöms bort mellan händelserna.",
        ),
        "transferability": p(
            "Rutinen kräver ingen särskild teknik, men en överenskommelse om vem som får kalla till möte och en "
            "gemensam kontaktlista som hålls uppdaterad. Checklistan för mötesledare finns som bilaga för "
            "nätverkets medlemmar.",
        ),
        "body": [
            heading("Bakgrund"),
            paragraph(
                "I Sverige har varje myndighet ansvar för sin egen verksamhet även i kris. Det ger tydliga "
                "ansvarsgränser men kräver att aktörerna hittar varandra snabbt. Efter flera övningar där "
                "lägesbilden splittrades mellan olika system kom SSR:s aktörer överens om en enkel gemensam rutin.",
            ),
            quote(
                "Det viktigaste är inte tekniken utan att alla vet att mötet kommer och vad de ska ha med sig.",
                "Beredskapssamordnare i en av regionens kommuner",
            ),
            heading("Erfarenheter från skarpa händelser"),
            paragraph(
                "Vid skarpa händelser har det visat sig att de första mötena ofta handlar om osäkerhet: vad vet "
                "vi inte än? Mallen har därför fått en egen rad för osäkra uppgifter, så att de inte sprids som "
                "fakta i budskapen till allmänheten.",
            ),
            callout(
                "Tips till andra städer",
                "Börja med rutinen i vardagliga störningar. Den som har använt den tio gånger för vatten- och "
                "trafikstörningar använder den också när det verkligen gäller.",
            ),
        ],
        "members_only": True,
        "attachments": [("stockholm-situation-picture", "Checklista för mötesledare (PDF)")],
        "published": "2019-04-11",
    },
    {
        "slug": "peer-support-for-staff-after-critical-incidents",
        "title": "Peer support for municipal staff after critical incidents",
        "summary": (
            "A network of trained colleagues in the region's municipalities offers first psychological support "
            "to staff who have been exposed to violence, threats or serious incidents at work, and refers them "
            "on when needed. The network was set up after staff reported feeling left alone in the weeks "
            "after a major incident."
        ),
        "phase": "recover",
        "themes": ["victim-support", "community-resilience"],
        "status": "ongoing",
        "evaluation": "internal",
        "start": "2017-10-01",
        "last_verified": "2025-11-03",
        "audiences": "Municipal managers and staff, HR and occupational health services",
        "partners": [
            "SSR working group on psychosocial support",
            "Occupational health providers of the municipalities",
            "Region Stockholm crisis support (POSOM coordination)",
            "Trade union safety representatives",
        ],
        "budget": (
            "About 120 peer supporters, each trained for three days and given two hours of supervision a "
            "quarter. Coordination at 0.2 full-time equivalent per municipality."
        ),
        "objectives": ul(
            "Offer every member of staff a conversation with a trained colleague within 48 hours of a critical "
            "incident.",
            "Help managers recognise when someone needs professional help, and make referral simple.",
            "Keep support going after the first week, when attention usually fades.",
        ),
        "method": ol(
            "Managers report a critical incident to the municipality's coordinator, who assigns a peer supporter.",
            "The peer supporter contacts the person, offers a conversation and explains the options.",
            "A follow-up contact is made after about four weeks, whatever the first conversation showed.",
            "Peer supporters meet quarterly for supervision with a psychologist from occupational health.",
        ),
        "outcomes": p(
            "Between 2018 and 2025 the network supported just over 1,900 members of staff. In the annual staff "
            "survey of the participating municipalities, the share of staff who said they would know where to "
            "turn after a violent incident rose from 41 to 73 per cent. Referrals to occupational health came "
            "earlier: median two weeks after the incident, against seven before.",
        ),
        "lessons": ul(
            "The four-week follow-up matters most; that is when sleep problems and avoidance show up.",
            "Peer supporters must not be the person's own manager.",
            "Supervision keeps supporters in the role; without it, many left within a year.",
        ),
        "transferability": p(
            "Any employer can set up a peer-support network, but it depends on an agreement with occupational "
            "health services for supervision and referral, and on managers who know when to call. In a region "
            "with many small municipalities, sharing supporters across borders made the network viable.",
        ),
        "body": [
            heading("Where it started"),
            paragraph(
                "After a major incident in the region, staff in libraries, schools and social services who had "
                "been close to events described the same experience: a great deal of attention in the first "
                "days, then nothing. Several only sought help months later.",
            ),
            bullets(
                "Peer supporters are trained to:",
                "listen without investigating what happened;",
                "explain common reactions and what usually helps;",
                "recognise warning signs and refer on;",
                "look after themselves and use supervision.",
            ),
            quote(
                "I did not need a therapist that week. I needed someone who knew the job to ask how I was, and "
                "to ask again a month later.",
                "Librarian who received peer support",
            ),
            callout(
                "What we would do differently",
                "We would involve the trade unions' safety representatives from the start. They reach staff "
                "that managers do not, especially on evening and weekend shifts.",
            ),
        ],
        "published": "2020-02-17",
    },
    {
        "slug": "konsultationsstod-valdsbejakande-extremism",
        "title": "Konsultationsstöd för yrkesverksamma som oroar sig för våldsbejakande extremism",
        "language": "sv",
        "summary": (
            "Lärare, socialsekreterare och fritidsledare i regionens kommuner kan ringa en konsultationslinje när "
            "de är oroliga för att en ung person dras till våldsbejakande extremism. De får hjälp att bedöma "
            "oron och att hitta rätt stöd, utan att det blir ett polisärende."
        ),
        "phase": "prevent",
        "themes": ["prevention-of-radicalisation"],
        "status": "ongoing",
        "evaluation": "external",
        "start": "2020-02-01",
        "last_verified": "2026-04-08",
        "audiences": "Skolpersonal, socialtjänst, fritidsgårdar, öppenvård",
        "partners": [
            "Kommunernas samordnare mot våldsbejakande extremism",
            "Socialtjänsten",
            "Polisens kontaktpersoner för förebyggande arbete",
            "Center mot våldsbejakande extremism (nationellt stöd)",
        ],
        "budget": (
            "Två konsulter på heltid och en samordnare på halvtid, finansierade gemensamt av de deltagande kommunerna."
        ),
        "objectives": ul(
            "Att yrkesverksamma ska våga agera tidigt när de känner oro.",
            "Att oro bedöms på ett likartat sätt i hela regionen.",
            "Att den unga personen får stöd från ordinarie verksamheter.",
        ),
        "method": ol(
            "Den yrkesverksamma ringer eller mejlar konsultationslinjen, anonymt om hen vill.",
            "Konsulten går igenom oron tillsammans med den som ringer, utifrån en strukturerad samtalsguide.",
            "Tillsammans bestämmer de nästa steg: ingen åtgärd, samtal med den unga, kontakt med socialtjänsten "
            "eller, vid akut fara, polis.",
            "Konsulten följer upp med den som ringde efter två till fyra veckor.",
        ),
        "outcomes": p(
            "Under de första fem åren tog linjen emot omkring 450 ärenden. I ungefär två tredjedelar bedömdes "
            "oron handla om annat än extremism, till exempel konflikter, psykisk ohälsa eller provokationer, och "
            "den unga fick stöd för det. Den externa utvärderingen fann att de som ringt kände sig tryggare i "
            "bedömningen och att samverkan med socialtjänsten blev smidigare.",
        ),
        "lessons": ul(
            "Möjligheten att vara anonym sänker tröskeln för att höra av sig.",
            "Många samtal handlar om att minska oro, inte om att eskalera.",
            "Konsulterna behöver god kunskap om både ungdomars vardag och extremistiska miljöer online.",
        ),
        "transferability": p(
            "Modellen kan användas av andra kommuner eller regioner som vill dela på specialistkompetens. Det "
            "krävs tydliga rutiner för sekretess och för när uppgifter ska lämnas vidare.",
        ),
        "body": [
            heading("Varför en konsultationslinje"),
            paragraph(
                "Kartläggningar i regionen visade att många yrkesverksamma var osäkra på hur de skulle agera. "
                "Vissa väntade för länge, andra vände sig direkt till polisen i situationer där socialtjänsten "
                "hade varit rätt väg.",
            ),
            quote(
                "Jag ville inte peka ut en elev i onödan. Samtalet hjälpte mig att sortera vad jag faktiskt hade sett.",
                "Lärare på gymnasiet",
            ),
            callout(
                "Viktigt",
                "Konsultationslinjen ersätter inte anmälningsplikten. Vid oro för att ett barn far illa gäller "
                "socialtjänstlagens regler som vanligt.",
            ),
        ],
        "published": "2021-05-26",
    },
    {
        "slug": "shared-public-warning-service",
        "title": "Joint procurement of a public warning and notification service",
        "summary": (
            "SSR members plan to procure one shared service for sending warnings and instructions to residents, "
            "staff and visitors by text message, app and web. A pilot with five municipalities is planned to "
            "start at the end of 2026."
        ),
        "phase": "anticipate",
        "themes": ["strategic-communication", "multi-agency-cooperation"],
        "status": "planned",
        "evaluation": "none",
        "start": "2026-12-01",
        "audiences": "Communication officers and duty officers of SSR member organisations",
        "partners": [
            "SSR working group on crisis communication",
            "Five pilot municipalities",
            "Region Stockholm",
            "Regional procurement office",
        ],
        "budget": "Estimated SEK 2.4 million a year for the service, shared by population; project lead at full time.",
        "objectives": ul(
            "Reach people in a defined area quickly with one consistent message, whichever organisation sends it.",
            "Avoid each municipality buying and maintaining its own tool.",
            "Agree in advance who may send what, so that the first warning is not delayed by questions of mandate.",
        ),
        "method": ol(
            "Map the tools and contracts the members use today and the situations in which they were used.",
            "Agree a joint requirements specification, including accessibility and languages.",
            "Procure through the regional procurement office, with an option for all SSR members to join.",
            "Pilot with five municipalities, with a joint exercise before going live.",
        ),
        "outcomes": p(
            "The mapping found nine different tools in use among 24 organisations, none able to send to another "
            "organisation's contacts. Results of the pilot will be reported to the network in 2027.",
        ),
        "lessons": ul(
            "The hardest question so far is not technical but about mandates: who may warn whom.",
            "Residents' expectations are set by commercial apps; messages must be short and in several languages.",
        ),
        "transferability": p(
            "Cities considering a shared warning service should settle the rules for sending first and procure "
            "second. The requirements specification will be shared with network members once the tender is "
            "closed.",
        ),
        "body": [
            heading("Why now"),
            paragraph(
                "Exercises kept showing the same picture: each organisation warned its own people through its "
                "own channels, and residents received partial or contradictory messages. A shared service is "
                "meant to change that without taking the decision to warn away from the responsible body.",
            ),
            callout(
                "Status",
                "The procurement is planned for spring 2026 and the pilot for December 2026. This report will be "
                "updated when the pilot starts.",
            ),
        ],
        "published": "2026-03-10",
    },
]
