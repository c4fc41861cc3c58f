"""The words of the demo newsroom: categories, authors and articles.

All text is original, written for Newsroom's demo. The people, institutes and
web sites are invented; web addresses use the reserved ``.example`` domain.
An article's body is its own opening paragraph followed by sections from its
category's pool and one closing section, so each body reads differently.
"""

CATEGORIES = [
    # slug, name, description, position, parent slug
    ("ki", "KI", "Künstliche Intelligenz: Modelle, Werkzeuge und was sie verändern.", 10, None),
    ("hardware", "Hardware", "Chips, Geräte und Rechenzentren – was in der Technik steckt.", 20, None),
    ("software", "Software", "Betriebssysteme, Programmiersprachen und die Werkzeuge dazu.", 30, None),
    ("open-source", "Open Source", "Freie Software und die Gemeinschaften dahinter.", 35, "software"),
    ("sicherheit", "Sicherheit", "Lücken, Angriffe und wie man sich schützt.", 40, None),
    ("netzpolitik", "Netzpolitik", "Regeln für das Netz: Datenschutz, Plattformen, digitale Rechte.", 50, None),
    ("wissenschaft", "Wissenschaft", "Forschung, Raumfahrt und Technik für das Klima.", 60, None),
]  # fmt: skip

AUTHORS = [
    {
        "username": "lena.hoffmann",
        "display_name": "Lena Hoffmann",
        "slug": "lena-hoffmann",
        "website": "https://lena-hoffmann.example",
        "mastodon": "https://social.example/@lenahoffmann",
        "colour": (37, 99, 235),
        "bio": (
            "Lena Hoffmann schreibt über maschinelles Lernen und darüber, was Sprachmodelle "
            "im Alltag taugen. Vor dem Journalismus hat sie Informatik in Darmstadt studiert "
            "und drei Jahre Empfehlungssysteme gebaut."
        ),
    },
    {
        "username": "murat.demir",
        "display_name": "Murat Demir",
        "slug": "murat-demir",
        "website": "https://demir-hardware.example",
        "colour": (220, 38, 38),
        "bio": (
            "Murat Demir testet seit zwölf Jahren Prozessoren, Grafikkarten und alles, was sich "
            "aufschrauben lässt. Er misst lieber selbst nach, als Datenblättern zu glauben."
        ),
    },
    {
        "username": "sophie.wagner",
        "display_name": "Sophie Wagner",
        "slug": "sophie-wagner",
        "website": "https://sophie-wagner.example",
        "bluesky": "https://bsky.example/profile/sophiewagner",
        "colour": (5, 150, 105),
        "bio": (
            "Sophie Wagner berichtet über Software-Entwicklung und freie Software. Sie hat "
            "selbst an mehreren Open-Source-Projekten mitgearbeitet und weiß, wie viel "
            "Arbeit hinter einem Release steckt."
        ),
    },
    {
        "username": "jonas.keller",
        "display_name": "Jonas Keller",
        "slug": "jonas-keller",
        "website": "https://jonaskeller.example",
        "colour": (124, 58, 237),
        "bio": (
            "Jonas Keller ist Sicherheitsredakteur. Er erklärt Angriffe so, dass man danach "
            "weiß, was zu tun ist – und hält nichts von Panikmache."
        ),
    },
    {
        "username": "aylin.schroeder",
        "display_name": "Aylin Schröder",
        "slug": "aylin-schroeder",
        "website": "https://aylin-schroeder.example",
        "linkedin": "https://www.linkedin.example/in/aylinschroeder",
        "colour": (217, 119, 6),
        "bio": (
            "Aylin Schröder verfolgt die Digitalpolitik in Berlin und Brüssel. Die Juristin "
            "liest Gesetzentwürfe, bevor sie darüber schreibt, und fragt nach, wenn etwas "
            "unklar bleibt."
        ),
    },
    {
        "username": "tobias.brandt",
        "display_name": "Tobias Brandt",
        "slug": "tobias-brandt",
        "website": "https://tobias-brandt.example",
        "colour": (8, 145, 178),
        "bio": (
            "Tobias Brandt ist Physiker und Wissenschaftsjournalist. Ihn interessiert, wie "
            "Forschung zu Technik wird – von der Fusionsanlage bis zum Wettersatelliten."
        ),
    },
]

# Sections a category's articles draw on: (subheading, paragraphs).
SECTIONS = {
    "ki": [
        (
            "Was die Zahlen sagen – und was nicht",
            [
                "Benchmarks sind bequem, weil sie eine einzige Zahl liefern. Doch viele "
                "Testsammlungen sind längst in die Trainingsdaten der Modelle gesickert. Wer "
                "wissen will, wie gut ein System wirklich ist, muss es mit Aufgaben prüfen, "
                "die es vorher nicht gesehen haben kann.",
                "Fachleute empfehlen deshalb, eigene Prüfaufgaben aus dem Arbeitsalltag "
                "zusammenzustellen: echte Anfragen, echte Dokumente, echte Fehlerfälle. Das "
                "ist mühsam, sagt aber mehr als jede Rangliste.",
            ],
        ),
        (
            "Der Energiehunger der Rechenzentren",
            [
                "Training und Betrieb großer Modelle brauchen viel Strom. Betreiber "
                "verweisen auf effizientere Chips und Kühlung mit Abwärmenutzung, Kritiker "
                "auf den schnell wachsenden Gesamtverbrauch.",
                "Kleinere, spezialisierte Modelle könnten einen Teil der Last abfangen. Für "
                "viele Aufgaben im Unternehmen reicht ein Modell, das auf einem einzelnen "
                "Server läuft – und dessen Daten das Haus nie verlassen.",
            ],
        ),
        (
            "Wer haftet, wenn die Maschine irrt?",
            [
                "Sprachmodelle formulieren überzeugend, auch wenn sie falsch liegen. In "
                "Bereichen wie Medizin, Recht oder Finanzen ist das mehr als ein "
                "Schönheitsfehler, denn am Ende trägt ein Mensch die Verantwortung.",
                "Juristinnen raten, KI-Ergebnisse wie den Entwurf eines Praktikanten zu "
                "behandeln: hilfreich, aber prüfpflichtig. Unternehmen sollten festhalten, "
                "wer welche Ausgabe freigegeben hat.",
            ],
        ),
        (
            "Offene Gewichte, offene Fragen",
            [
                "Immer mehr Labore veröffentlichen die Gewichte ihrer Modelle. Forschende "
                "können so nachvollziehen, wie ein System reagiert, und es für eigene "
                "Zwecke anpassen.",
                "Offen heißt allerdings nicht automatisch transparent: Die Trainingsdaten "
                "bleiben oft unter Verschluss, und die Lizenzen schränken die Nutzung "
                "mitunter stärker ein, als der Begriff vermuten lässt.",
            ],
        ),
        (
            "Im Alltag angekommen",
            [
                "Ob Übersetzung, Zusammenfassung oder Programmierhilfe: Viele Menschen nutzen "
                "KI-Werkzeuge inzwischen, ohne groß darüber nachzudenken. Am meisten Zeit "
                "sparen sie bei Routinearbeiten, die sich gut überprüfen lassen.",
                "Schwieriger wird es, wo Kontext zählt. Ein Modell kennt weder die "
                "Geschichte eines Projekts noch die ungeschriebenen Regeln eines Teams – das "
                "müssen ihm die Menschen erst erklären.",
            ],
        ),
    ],
    "hardware": [
        (
            "Gemessen, nicht versprochen",
            [
                "Hersteller nennen gern Spitzenwerte, die nur unter idealen Bedingungen "
                "erreicht werden. In unserem Testlabor zählt, was über eine halbe Stunde "
                "Dauerlast übrig bleibt, wenn sich das Gehäuse aufgewärmt hat.",
                "Dabei zeigt sich regelmäßig: Die Kühlung entscheidet mit über die Leistung. "
                "Ein identischer Chip kann in zwei Geräten spürbar unterschiedlich schnell "
                "sein.",
            ],
        ),
        (
            "Effizienz statt Gigahertz",
            [
                "Der Wettlauf um immer höhere Taktraten ist vorbei. Heute zählt, wie viel "
                "Rechenarbeit pro Watt gelingt – im Notebook wegen der Akkulaufzeit, im "
                "Rechenzentrum wegen der Stromrechnung.",
                "Spezialisierte Rechenwerke für Video, Verschlüsselung und neuronale Netze "
                "übernehmen Aufgaben, die früher den Hauptprozessor ausgelastet haben.",
            ],
        ),
        (
            "Reparieren statt wegwerfen",
            [
                "Verklebte Akkus und verlötete Speicher machen Reparaturen teuer oder "
                "unmöglich. Neue Vorgaben der EU sollen das ändern: Ersatzteile müssen über "
                "Jahre verfügbar sein, Akkus sich tauschen lassen.",
                "Einige Hersteller werben bereits mit modularen Geräten. Ob sich das für "
                "Kundinnen rechnet, hängt auch davon ab, wie lange Updates geliefert werden.",
            ],
        ),
        (
            "Die Lieferkette bleibt empfindlich",
            [
                "Moderne Chips entstehen in wenigen Fabriken weltweit. Ein Erdbeben, ein "
                "Handelsstreit oder ein Engpass bei Spezialgasen kann ganze Produktlinien "
                "verzögern.",
                "Neue Werke in Europa und den USA sollen die Abhängigkeit verringern. Bis sie "
                "in großen Stückzahlen fertigen, vergehen allerdings noch Jahre.",
            ],
        ),
        (
            "Für wen sich das Upgrade lohnt",
            [
                "Wer ein Gerät hat, das drei oder vier Jahre alt ist, wird den Unterschied "
                "deutlich merken. Besitzer des Vorgängermodells können dagegen in Ruhe "
                "abwarten.",
                "Oft bringt schon mehr Arbeitsspeicher oder eine schnellere SSD spürbar mehr "
                "als ein komplett neues System – und schont Budget und Umwelt.",
            ],
        ),
    ],
    "software": [
        (
            "Was sich für Anwender ändert",
            [
                "Die meisten Neuerungen bemerkt man erst auf den zweiten Blick: Programme "
                "starten schneller, Einstellungen sind besser auffindbar, und einige "
                "lästige Rückfragen entfallen.",
                "Wer auf ältere Erweiterungen angewiesen ist, sollte vor dem Umstieg prüfen, "
                "ob sie schon angepasst wurden. Ein Backup vor dem großen Update bleibt "
                "Pflicht.",
            ],
        ),
        (
            "Der Blick unter die Haube",
            [
                "Entwickler haben große Teile des Codes überarbeitet, der über Jahre "
                "gewachsen war. Das Ziel: weniger Sonderfälle, bessere Testbarkeit und "
                "weniger Abstürze.",
                "Solche Aufräumarbeiten sind unspektakulär und fallen in keiner Pressemitteilung "
                "auf. Langfristig entscheiden sie aber darüber, wie schnell ein Projekt "
                "neue Funktionen liefern kann.",
            ],
        ),
        (
            "Sicherer Speicher, weniger Lücken",
            [
                "Ein großer Teil schwerer Sicherheitslücken geht auf Fehler im Umgang mit "
                "Arbeitsspeicher zurück. Sprachen mit automatischer Speicherprüfung verhindern "
                "ganze Fehlerklassen schon beim Übersetzen.",
                "Komplett neu schreiben will aber kaum jemand. Stattdessen ersetzen Teams "
                "besonders gefährdete Komponenten Schritt für Schritt.",
            ],
        ),
        (
            "Langzeitpflege als Versprechen",
            [
                "Unternehmen wollen planen können. Versionen mit Langzeitunterstützung "
                "bekommen deshalb über Jahre Sicherheitskorrekturen, auch wenn längst "
                "Nachfolger erschienen sind.",
                "Für die Entwickler bedeutet das doppelte Arbeit: Jede Korrektur muss auf "
                "mehrere Zweige übertragen und dort erneut getestet werden.",
            ],
        ),
        (
            "Gemeinschaft und Geld",
            [
                "Viele Werkzeuge, auf die sich Konzerne verlassen, werden von einer Handvoll "
                "Freiwilliger gepflegt. Stiftungen und Förderprogramme versuchen, diese "
                "Arbeit auf eine sichere Grundlage zu stellen.",
                "Wer ein Projekt nutzt, kann etwas zurückgeben: mit Fehlerberichten, "
                "Dokumentation, Code oder einer regelmäßigen Spende.",
            ],
        ),
    ],
    "sicherheit": [
        (
            "So funktioniert der Angriff",
            [
                "Die Angreifer nutzen keine exotische Technik, sondern eine Kombination aus "
                "gut gemachten Täuschungsmails und einer bekannten, aber vielerorts nicht "
                "geschlossenen Lücke.",
                "Ist der erste Rechner übernommen, bewegen sie sich im Netz weiter und suchen "
                "nach Zugangsdaten mit mehr Rechten. Bis das auffällt, vergehen oft Wochen.",
            ],
        ),
        (
            "Was Betroffene jetzt tun sollten",
            [
                "Zuerst: die verfügbaren Updates einspielen und Systeme neu starten. Danach "
                "lohnt ein Blick in die Protokolle, ob es ungewöhnliche Anmeldungen gab.",
                "Wer unsicher ist, sollte Passwörter ändern und die Anmeldung mit einem "
                "zweiten Faktor absichern. Passkeys machen gestohlene Passwörter wertlos.",
            ],
        ),
        (
            "Warum Updates so lange dauern",
            [
                "Zwischen der Veröffentlichung eines Patches und seiner Installation liegen "
                "in vielen Organisationen Wochen. Man will Ausfälle vermeiden und testet "
                "deshalb erst gründlich.",
                "Angreifer kennen diese Lücke im Zeitplan. Sie analysieren Patches, sobald "
                "sie erscheinen, und greifen gezielt Systeme an, die noch nicht aktualisiert "
                "sind.",
            ],
        ),
        (
            "Die Rolle der Behörden",
            [
                "Sicherheitsbehörden warnen inzwischen schneller und konkreter als früher. "
                "Ihre Hinweise enthalten oft Merkmale, an denen Administratoren einen "
                "Angriff erkennen können.",
                "Kritisch sehen Fachleute, wenn Behörden selbst Lücken zurückhalten, um sie "
                "für eigene Zwecke zu nutzen. Jede offene Lücke kann auch von anderen "
                "gefunden werden.",
            ],
        ),
        (
            "Der Mensch als Schutzschicht",
            [
                "Technik allein genügt nicht. Schulungen, in denen Mitarbeitende echte "
                "Beispiele sehen, senken die Zahl erfolgreicher Täuschungen deutlich.",
                "Wichtig ist eine Kultur, in der man Fehler melden darf. Wer aus Angst vor "
                "Ärger einen falschen Klick verschweigt, verschenkt wertvolle Stunden.",
            ],
        ),
    ],
    "netzpolitik": [
        (
            "Was im Entwurf steht",
            [
                "Der Text ist lang und an vielen Stellen vage. Entscheidend sind die "
                "Definitionen: Wer als Anbieter gilt, welche Dienste erfasst sind und ab "
                "welcher Größe die strengeren Pflichten greifen.",
                "Gerade kleine Unternehmen und Vereine fürchten, dass sie Aufwand treiben "
                "müssen, der für große Plattformen gedacht war.",
            ],
        ),
        (
            "Kritik von allen Seiten",
            [
                "Bürgerrechtsorganisationen halten die Regeln für zu weitgehend, "
                "Wirtschaftsverbände für zu bürokratisch. Das ist in der Netzpolitik oft ein "
                "Zeichen dafür, dass ein Kompromiss gefunden wurde – aber nicht immer ein "
                "guter.",
                "Besonders umstritten ist, wer die Einhaltung kontrolliert und wie hoch die "
                "Strafen ausfallen dürfen.",
            ],
        ),
        (
            "Wie es in Brüssel weitergeht",
            [
                "Nach der Abstimmung im Ausschuss verhandeln Parlament, Rat und Kommission "
                "über die endgültige Fassung. Diese Gespräche finden hinter verschlossenen "
                "Türen statt.",
                "Bis die Regeln gelten, vergehen danach meist noch einmal zwei Jahre. "
                "Unternehmen sollten die Zeit nutzen, um ihre Abläufe vorzubereiten.",
            ],
        ),
        (
            "Daten als Streitpunkt",
            [
                "Im Kern geht es um die Frage, wer welche Daten wofür nutzen darf. Die "
                "Datenschutz-Grundverordnung gibt den Rahmen vor, lässt aber Spielraum für "
                "Auslegung.",
                "Aufsichtsbehörden der Länder legen die Regeln nicht immer gleich aus. Das "
                "sorgt für Unsicherheit, gerade bei Projekten, die bundesweit laufen.",
            ],
        ),
        (
            "Was Nutzerinnen und Nutzer davon haben",
            [
                "Auf dem Papier bekommen Verbraucher mehr Rechte: Auskunft, Widerspruch und "
                "einfachere Beschwerdewege. In der Praxis hängt viel davon ab, wie leicht "
                "sich diese Rechte wahrnehmen lassen.",
                "Verbraucherschützer fordern deshalb klare Formulare und feste Fristen, "
                "innerhalb derer Anbieter antworten müssen.",
            ],
        ),
    ],
    "wissenschaft": [
        (
            "Wie das Experiment aufgebaut ist",
            [
                "Die Forschenden haben ihre Messungen über Monate wiederholt, um "
                "Zufallstreffer auszuschließen. Jede Abweichung wurde protokolliert und mit "
                "Kontrollmessungen verglichen.",
                "Die Rohdaten sollen nach der Begutachtung öffentlich zugänglich werden, "
                "damit andere Gruppen die Auswertung nachrechnen können.",
            ],
        ),
        (
            "Einordnung durch Fachleute",
            [
                "Unabhängige Fachleute loben die sorgfältige Methodik, mahnen aber zur "
                "Geduld. Ein einzelnes Ergebnis sei ein Anfang, kein Beweis.",
                "Erst wenn andere Labore zum gleichen Schluss kommen, lasse sich sagen, ob "
                "der Effekt so groß ist, wie er jetzt erscheint.",
            ],
        ),
        (
            "Vom Labor in die Anwendung",
            [
                "Der Weg von einer Entdeckung zu einem Produkt ist lang. Was im Labor "
                "funktioniert, muss sich in großen Stückzahlen, zu vertretbaren Kosten und "
                "über viele Jahre bewähren.",
                "Start-ups und Industriepartner stehen trotzdem schon bereit. Sie hoffen, "
                "früh dabei zu sein, wenn aus der Forschung ein Markt wird.",
            ],
        ),
        (
            "Rechenleistung als Forschungsinstrument",
            [
                "Ohne Hochleistungsrechner wäre die Auswertung nicht möglich gewesen. "
                "Simulationen, die früher Monate dauerten, laufen heute in wenigen Tagen.",
                "Das verschiebt auch die Arbeit in den Instituten: Wer forscht, muss "
                "zunehmend programmieren können.",
            ],
        ),
        (
            "Was offen bleibt",
            [
                "Einige Fragen können die Daten noch nicht beantworten, etwa wie stabil der "
                "Effekt bei anderen Temperaturen ist. Dafür ist bereits eine Folgestudie "
                "geplant.",
                "Auch die Finanzierung ist nicht gesichert: Das Förderprogramm läuft im "
                "kommenden Jahr aus, über eine Verlängerung wird noch beraten.",
            ],
        ),
    ],
}
SECTIONS["open-source"] = SECTIONS["software"][3:] + SECTIONS["software"][:3]

CLOSING_SECTIONS = [
    (
        "Wie es weitergeht",
        "Wir bleiben an dem Thema dran und berichten, sobald es Neuigkeiten gibt. Hinweise "
        "aus der Leserschaft nehmen wir gern entgegen – am besten über das Kommentarfeld "
        "unter diesem Artikel.",
    ),
    (
        "Unsere Einschätzung",
        "Der Schritt ist sinnvoll, kommt aber spät. Entscheidend wird sein, ob den "
        "Ankündigungen in den nächsten Monaten auch Taten folgen.",
    ),
    (
        "Fazit",
        "Eine Revolution ist das nicht, aber ein solider Fortschritt. Wer genau hinschaut, "
        "entdeckt viele kleine Verbesserungen, die zusammen einen Unterschied machen.",
    ),
    (
        "Offene Punkte",
        "Wichtige Details sind noch ungeklärt. Wir haben bei den Beteiligten nachgefragt "
        "und ergänzen diesen Artikel, sobald Antworten vorliegen.",
    ),
]

# Every article: category, author slugs, title, teaser, opening paragraph, tags,
# sources as (name, url); optional "state": "featured", "scheduled", "draft", "review".
ARTICLES = [
    # --- KI
    {
        "category": "ki",
        "authors": ["lena-hoffmann"],
        "state": "featured",
        "title": "Kleine Sprachmodelle holen auf: Warum Größe nicht mehr alles ist",
        "teaser": "Modelle mit wenigen Milliarden Parametern lösen viele Aufgaben fast so gut "
        "wie die Riesen – und laufen auf einem gewöhnlichen Notebook.",
        "intro": "Noch vor zwei Jahren galt die Regel: Je größer ein Sprachmodell, desto besser. "
        "Inzwischen zeigen Vergleiche, dass kompakte Modelle mit sorgfältig ausgewählten "
        "Trainingsdaten bei Zusammenfassungen, Übersetzungen und einfachen "
        "Programmieraufgaben erstaunlich nah an die großen Systeme herankommen.",
        "tags": ["Sprachmodelle", "Open Source", "Effizienz"],
        "sources": [("Institut für angewandte Sprachverarbeitung", "https://ias.example/studie")],
    },
    {
        "category": "ki",
        "authors": ["lena-hoffmann", "tobias-brandt"],
        "title": "KI entdeckt Muster in Wetterdaten, die Meteorologen übersehen hatten",
        "teaser": "Ein neuronales Netz sagt Starkregen in Mittelgebirgen genauer voraus als "
        "bisherige Verfahren. Die Fachwelt ist beeindruckt, aber vorsichtig.",
        "intro": "Ein Forschungsteam hat ein Modell mit Radar- und Satellitendaten aus zwanzig "
        "Jahren trainiert. In einem Rückblick auf vergangene Unwetter erkannte es lokale "
        "Starkregenereignisse im Schnitt eine Stunde früher als die etablierten "
        "Vorhersagemodelle.",
        "tags": ["Wetter", "Forschung", "Neuronale Netze"],
        "sources": [("Zentrum für Klimainformatik", "https://zki.example")],
    },
    {
        "category": "ki",
        "authors": ["lena-hoffmann"],
        "title": "Programmierassistenten im Test: Schneller, aber nicht immer besser",
        "teaser": "Wir haben vier KI-Helfer eine Woche lang echte Aufgaben lösen lassen. Die "
        "Ergebnisse schwanken stark – je nach Sprache und Projekt.",
        "intro": "Vier Entwicklerinnen und Entwickler aus unserer Redaktion haben eine Woche lang "
        "mit verschiedenen Programmierassistenten gearbeitet. Bei Standardaufgaben sparten "
        "sie viel Zeit, bei älterem Code mit eigenwilligen Konventionen produzierten die "
        "Werkzeuge dagegen oft plausibel aussehende Fehler.",
        "tags": ["Programmierung", "Test", "Produktivität"],
        "sources": [("Eigener Test", "")],
    },
    {
        "category": "ki",
        "authors": ["aylin-schroeder"],
        "title": "Kennzeichnungspflicht für KI-Bilder: Was Plattformen jetzt umsetzen müssen",
        "teaser": "Künstlich erzeugte Bilder und Videos sollen erkennbar sein. Die Technik dafür "
        "existiert – ihre Grenzen auch.",
        "intro": "Soziale Netzwerke müssen künstlich erzeugte Inhalte künftig kenntlich machen. "
        "Dafür setzen viele auf unsichtbare Wasserzeichen und Herkunftsnachweise in den "
        "Metadaten. Doch beides lässt sich mit wenig Aufwand entfernen, etwa durch einen "
        "Screenshot.",
        "tags": ["Regulierung", "Desinformation", "Bildgenerierung"],
        "sources": [
            ("Digitalausschuss (Protokoll)", "https://parlament.example/digital"),
            ("Verein für Medienkompetenz", "https://medienkompetenz.example"),
        ],
    },
    {
        "category": "ki",
        "authors": ["lena-hoffmann"],
        "title": "Wenn der Chatbot halluziniert: Fünf Strategien gegen erfundene Fakten",
        "teaser": "Sprachmodelle erfinden Quellen und Zahlen. Mit der richtigen Arbeitsweise "
        "lässt sich das Risiko deutlich verringern.",
        "intro": "Eine erfundene Gerichtsentscheidung, ein Zitat, das nie gefallen ist: "
        "Halluzinationen gehören zu den bekanntesten Schwächen von Sprachmodellen. Wer die "
        "Werkzeuge trotzdem nutzen will, kann mit einfachen Regeln viel erreichen – vom "
        "Bereitstellen eigener Dokumente bis zur Pflicht, jede Quelle nachzuschlagen.",
        "tags": ["Sprachmodelle", "Ratgeber"],
        "sources": [("Arbeitsgruppe Verlässliche KI", "https://verlaessliche-ki.example")],
    },
    {
        "category": "ki",
        "authors": ["murat-demir"],
        "title": "KI-Beschleuniger im Notebook: Was die neuen NPUs wirklich leisten",
        "teaser": "Jeder neue Laptop wirbt mit einer Einheit für künstliche Intelligenz. Im "
        "Alltag nutzen sie bisher nur wenige Programme.",
        "intro": "Neuronale Recheneinheiten, kurz NPUs, sollen KI-Funktionen stromsparend direkt "
        "auf dem Gerät ausführen. In unseren Messungen arbeiteten sie bei Hintergrundunschärfe "
        "in Videokonferenzen tatsächlich sparsamer als Grafikchip und Prozessor – für "
        "größere Sprachmodelle reicht ihre Leistung aber noch nicht.",
        "tags": ["NPU", "Notebooks", "Effizienz"],
        "sources": [("Eigene Messungen", "")],
    },
    {
        "category": "ki",
        "authors": ["lena-hoffmann"],
        "state": "scheduled",
        "title": "Ausblick: Welche KI-Funktionen im nächsten Jahr in Bürosoftware landen",
        "teaser": "Von automatischen Protokollen bis zur Tabellenanalyse: Was die großen "
        "Anbieter angekündigt haben und was davon realistisch ist.",
        "intro": "Die Hersteller von Bürosoftware überbieten sich mit Ankündigungen. Wir haben "
        "die Roadmaps gesichtet und mit Administratoren gesprochen, die neue Funktionen "
        "bereits im Vorabtest ausprobieren.",
        "tags": ["Büro", "Ausblick"],
        "sources": [],
    },
    {
        "category": "ki",
        "authors": ["lena-hoffmann"],
        "state": "draft",
        "title": "Entwurf: Wie Redaktionen KI einsetzen – eine Umfrage",
        "teaser": "Wir haben zwanzig Redaktionen gefragt, wofür sie KI nutzen und wofür nicht.",
        "intro": "Dieser Text ist noch in Arbeit. Die Antworten der Redaktionen werden gerade "
        "ausgewertet und mit den Befragten abgestimmt.",
        "tags": ["Journalismus", "Umfrage"],
        "sources": [],
    },
    # --- Hardware
    {
        "category": "hardware",
        "authors": ["murat-demir"],
        "state": "featured",
        "title": "Neue Desktop-Prozessoren im Test: Sparsamer, nicht schneller",
        "teaser": "Die jüngste Chipgeneration rechnet kaum flotter als ihre Vorgänger, braucht "
        "dafür aber deutlich weniger Strom. Für die meisten ist das die bessere Nachricht.",
        "intro": "Wir haben die neuen Desktop-Prozessoren eine Woche lang durch unseren Parcours "
        "geschickt: Spiele, Videoschnitt, Kompilieren und Büroarbeit. In der Spitze liegen "
        "sie nur wenige Prozent vor der alten Generation, unter Volllast sinkt die "
        "Leistungsaufnahme aber um fast ein Drittel.",
        "tags": ["Prozessoren", "Test", "Effizienz"],
        "sources": [("Eigene Messungen", "")],
    },
    {
        "category": "hardware",
        "authors": ["murat-demir"],
        "title": "Reparierbares Smartphone: Akku tauschen in unter fünf Minuten",
        "teaser": "Ein kleiner Hersteller zeigt, dass ein modernes Handy nicht verklebt sein "
        "muss. Wir haben es aufgeschraubt.",
        "intro": "Acht Schrauben, ein Stecker, fertig: Beim neuen modularen Smartphone lässt sich "
        "der Akku ohne Heißluftföhn und ohne Spezialwerkzeug wechseln. Auch Kamera, "
        "Ladebuchse und Display sind als Ersatzteile erhältlich – zu Preisen, die eine "
        "Reparatur wirtschaftlich machen.",
        "tags": ["Smartphones", "Reparatur", "Nachhaltigkeit"],
        "sources": [("Reparaturinitiative Süd", "https://reparieren.example")],
    },
    {
        "category": "hardware",
        "authors": ["murat-demir", "lena-hoffmann"],
        "title": "Rechenzentren heizen Wohnviertel: Abwärme als Geschäftsmodell",
        "teaser": "In Frankfurt und Hamburg versorgen Serverhallen bereits Tausende Wohnungen mit "
        "Wärme. Der Ausbau kommt trotzdem langsam voran.",
        "intro": "Ein großer Teil der Energie, die Server verbrauchen, wird zu Wärme. Statt sie "
        "über Kühltürme an die Luft abzugeben, speisen erste Betreiber sie in "
        "Nahwärmenetze ein. Das Problem: Die Temperatur reicht oft nicht aus, und "
        "Wärmepumpen müssen nachhelfen.",
        "tags": ["Rechenzentren", "Energie", "Klima"],
        "sources": [("Verband kommunaler Wärmenetze", "https://waermenetze.example")],
    },
    {
        "category": "hardware",
        "authors": ["murat-demir"],
        "title": "Grafikkarten werden wieder bezahlbar – zumindest in der Mittelklasse",
        "teaser": "Die Preise für Karten um 300 Euro sind deutlich gefallen. Oben bleibt es teuer.",
        "intro": "Wer eine Grafikkarte für Spiele in Full-HD oder WQHD sucht, hat so viel Auswahl "
        "wie lange nicht. Händler senken die Preise für die Mittelklasse, weil neue Modelle "
        "anstehen. Bei den schnellsten Karten dagegen treibt die Nachfrage aus dem "
        "KI-Geschäft die Preise weiter nach oben.",
        "tags": ["Grafikkarten", "Preise", "Spiele"],
        "sources": [("Preisvergleich Technikmarkt", "https://preise.example")],
    },
    {
        "category": "hardware",
        "authors": ["murat-demir"],
        "title": "USB-C überall: Was das einheitliche Ladekabel wirklich bringt",
        "teaser": "Seit dem Stichtag müssen neue Geräte per USB-C laden. Doch Kabel ist nicht "
        "gleich Kabel.",
        "intro": "Ein Kabel für Handy, Kopfhörer und Notebook – das war das Versprechen. In der "
        "Praxis unterscheiden sich USB-C-Kabel erheblich: bei der Ladeleistung, bei der "
        "Datenrate und bei der Frage, ob sie einen Monitor ansteuern können. Ein Blick auf "
        "die Kennzeichnung hilft.",
        "tags": ["USB-C", "Ratgeber", "Nachhaltigkeit"],
        "sources": [("Verbraucherzentrale (Ratgeber Laden)", "https://verbraucher.example/laden")],
    },
    {
        "category": "hardware",
        "authors": ["murat-demir"],
        "title": "E-Reader mit Farbdisplay: Comics ja, Fotos nein",
        "teaser": "Die neue Generation elektronischer Papierdisplays zeigt Farben. Sie wirken "
        "blass, schonen aber Augen und Akku.",
        "intro": "Farbiges E-Paper ist keine Neuheit mehr, aber erst jetzt in bezahlbaren Geräten "
        "angekommen. Für Comics, Karten und Diagramme ist das ein Gewinn. Wer kräftige Farben "
        "wie auf einem Tablet erwartet, wird enttäuscht.",
        "tags": ["E-Reader", "Displays", "Test"],
        "sources": [],
    },
    {
        "category": "hardware",
        "authors": ["murat-demir"],
        "state": "review",
        "title": "Mini-PCs als Heimserver: Drei Geräte im Vergleich",
        "teaser": "Klein, leise, sparsam: Wir prüfen, welche Mini-PCs sich als Dauerläufer für "
        "Fotos, Backups und Hausautomation eignen.",
        "intro": "Ein Heimserver muss nicht laut und stromhungrig sein. Die drei Geräte in unserem "
        "Vergleich verbrauchen im Leerlauf weniger als zehn Watt.",
        "tags": ["Heimserver", "Test"],
        "sources": [],
    },
    # --- Software
    {
        "category": "software",
        "authors": ["sophie-wagner"],
        "title": "Das große Betriebssystem-Update: Weniger Werbung, mehr Kontrolle",
        "teaser": "Die neue Version räumt auf: Vorschläge im Startmenü lassen sich abschalten, "
        "Datenschutzeinstellungen sind zentral gebündelt.",
        "intro": "Nach viel Kritik an eingeblendeten Empfehlungen und schwer auffindbaren "
        "Datenschutzoptionen hat der Hersteller nachgebessert. Das Update bündelt alle "
        "Einstellungen zur Telemetrie auf einer Seite und erlaubt es, Werbeeinblendungen "
        "im System vollständig abzuschalten.",
        "tags": ["Betriebssysteme", "Datenschutz", "Update"],
        "sources": [("Versionshinweise des Herstellers", "https://os-hersteller.example/notes")],
    },
    {
        "category": "software",
        "authors": ["sophie-wagner"],
        "title": "Programmiersprachen-Ranking: Warum Python vorne bleibt",
        "teaser": "Datenanalyse, KI und Lehre halten die Sprache an der Spitze. Aufsteiger "
        "kommen aus einer ganz anderen Ecke.",
        "intro": "Ob Hochschulkurs, Datenanalyse oder Automatisierung im Büro: Python ist für "
        "viele die erste Programmiersprache. Die jährliche Auswertung von Stellenanzeigen "
        "und Projektverzeichnissen bestätigt das. Am schnellsten wachsen aber Sprachen, die "
        "Speicherfehler von vornherein ausschließen.",
        "tags": ["Programmierung", "Python", "Arbeitsmarkt"],
        "sources": [("Jahresauswertung Entwicklerumfrage", "https://dev-umfrage.example")],
    },
    {
        "category": "software",
        "authors": ["sophie-wagner", "jonas-keller"],
        "title": "Browser verabschieden sich von Drittanbieter-Cookies – diesmal wirklich?",
        "teaser": "Werbefirmen suchen nach Ersatz, Datenschützer bleiben skeptisch. Was sich für "
        "Surferinnen ändert.",
        "intro": "Das Ende der Cookies von Drittanbietern wurde mehrfach verschoben. Nun setzen "
        "die großen Browser den Schritt um. Die Werbebranche testet Alternativen, bei denen "
        "der Browser selbst Interessen ermittelt – was neue Fragen aufwirft.",
        "tags": ["Browser", "Datenschutz", "Werbung"],
        "sources": [("Stiftung Datenschutz im Netz", "https://datenschutz-im-netz.example")],
    },
    {
        "category": "software",
        "authors": ["sophie-wagner"],
        "title": "Passwortmanager im Vergleich: Sicher, bequem und kostenlos?",
        "teaser": "Wer sich nur noch ein Passwort merken will, braucht ein gutes Werkzeug. Wir "
        "zeigen, worauf es ankommt.",
        "intro": "Ein Passwortmanager erzeugt für jeden Dienst ein eigenes, langes Passwort und "
        "füllt es automatisch aus. Die Programme unterscheiden sich bei Synchronisation, "
        "Unterstützung für Passkeys und bei der Frage, wo die verschlüsselten Daten liegen.",
        "tags": ["Passwörter", "Ratgeber", "Test"],
        "sources": [],
    },
    {
        "category": "software",
        "authors": ["sophie-wagner"],
        "title": "Office-Pakete ohne Abo: Die Alternativen im Überblick",
        "teaser": "Texte schreiben und Tabellen rechnen geht auch ohne monatliche Gebühr. Drei "
        "Pakete im Praxistest.",
        "intro": "Nicht jeder braucht ein Büropaket im Abo. Für Briefe, Haushaltsbücher und "
        "Präsentationen reichen freie Programme oder Einmalkäufe oft völlig aus. Knifflig "
        "wird es beim Austausch komplexer Dokumente mit Kollegen.",
        "tags": ["Büro", "Test", "Open Source"],
        "sources": [],
    },
    # --- Open Source (a subcategory of Software)
    {
        "category": "open-source",
        "authors": ["sophie-wagner"],
        "state": "featured",
        "title": "Stiftung finanziert Wartung kritischer Open-Source-Bibliotheken",
        "teaser": "Ein neues Programm bezahlt Menschen, die unscheinbare, aber unverzichtbare "
        "Software pflegen. Die ersten zwölf Projekte stehen fest.",
        "intro": "Kompressionsbibliotheken, Zeitzonen-Datenbanken, Parser für Konfigurationsdateien: "
        "Ohne sie funktioniert kaum ein Programm, und doch hängen viele an einzelnen "
        "Freiwilligen. Eine Stiftung will das ändern und finanziert zunächst zwölf "
        "Projekte für zwei Jahre.",
        "tags": ["Open Source", "Finanzierung", "Infrastruktur"],
        "sources": [("Stiftung Offene Infrastruktur", "https://offene-infrastruktur.example")],
    },
    {
        "category": "open-source",
        "authors": ["sophie-wagner"],
        "title": "Stadtverwaltung wechselt auf freie Software – und bleibt dabei",
        "teaser": "Fünf Jahre nach dem Umstieg zieht eine mittelgroße Stadt Bilanz: weniger "
        "Lizenzkosten, mehr Schulungsbedarf.",
        "intro": "Als die Verwaltung ihre Arbeitsplätze auf freie Software umstellte, gab es viel "
        "Skepsis. Heute laufen Bürosoftware, E-Mail und Dateiablage auf offenen Lösungen. "
        "Das gesparte Geld fließt in Schulungen und in Aufträge an regionale Dienstleister.",
        "tags": ["Open Source", "Verwaltung", "Digitalisierung"],
        "sources": [("Stadtverwaltung (Bericht an den Rat)", "https://stadt.example/it-bericht")],
    },
    {
        "category": "open-source",
        "authors": ["sophie-wagner", "jonas-keller"],
        "title": "Hintertür in Kompressionswerkzeug: Was die Gemeinschaft daraus gelernt hat",
        "teaser": "Ein Angreifer hatte sich über Jahre Vertrauen erarbeitet. Ein aufmerksamer "
        "Entwickler bemerkte eine halbe Sekunde Verzögerung.",
        "intro": "Der Fall hat die Open-Source-Welt erschüttert: Ein vermeintlich hilfsbereiter "
        "Mitwirkender schleuste über lange Zeit Schadcode in ein weit verbreitetes Werkzeug "
        "ein. Entdeckt wurde er nur, weil jemandem ein minimal langsamerer Login auffiel. "
        "Projekte prüfen seitdem genauer, wer Zugriff auf ihre Veröffentlichungen hat.",
        "tags": ["Open Source", "Lieferkette", "Sicherheitslücke"],
        "sources": [("Analyse der Sicherheitsgemeinschaft", "https://oss-security.example")],
    },
    {
        "category": "open-source",
        "authors": ["sophie-wagner"],
        "title": "Linux auf dem Desktop: Der Umstieg ist leichter als gedacht",
        "teaser": "Ältere Rechner, die kein Update mehr bekommen, laufen mit Linux weiter. Eine "
        "Anleitung in fünf Schritten.",
        "intro": "Wenn ein Rechner offiziell keine Updates mehr erhält, muss er nicht auf den "
        "Wertstoffhof. Eine aktuelle Linux-Distribution bringt ihn zurück in den Alltag. "
        "Wir erklären, wie man einen Startstick erstellt, Daten sichert und die Installation "
        "erst einmal gefahrlos ausprobiert.",
        "tags": ["Linux", "Ratgeber", "Nachhaltigkeit"],
        "sources": [],
    },
    # --- Sicherheit
    {
        "category": "sicherheit",
        "authors": ["jonas-keller"],
        "state": "featured",
        "title": "Angriffswelle auf VPN-Zugänge: Behörden raten zum sofortigen Update",
        "teaser": "Eine Lücke in verbreiteten VPN-Geräten wird aktiv ausgenutzt. Betroffen sind "
        "vor allem mittelständische Unternehmen.",
        "intro": "Seit dem Wochenende registrieren Sicherheitsfirmen massenhaft Zugriffsversuche "
        "auf VPN-Gateways eines großen Herstellers. Über eine Schwachstelle in der "
        "Anmeldeseite können Angreifer ohne Passwort Befehle auf dem Gerät ausführen. Ein "
        "Update steht bereit.",
        "tags": ["VPN", "Sicherheitslücke", "Unternehmen"],
        "sources": [
            ("Nationale Cyberwarnstelle", "https://cyberwarnstelle.example"),
            ("Herstellerhinweis", "https://vpn-hersteller.example/advisory"),
        ],
    },
    {
        "category": "sicherheit",
        "authors": ["jonas-keller"],
        "title": "Passkeys statt Passwörter: So richten Sie die neue Anmeldung ein",
        "teaser": "Immer mehr Dienste unterstützen die Anmeldung per Fingerabdruck oder PIN. "
        "Das ist sicherer und bequemer – mit ein paar Stolperfallen.",
        "intro": "Ein Passkey ersetzt das Passwort durch ein Schlüsselpaar, das auf dem eigenen "
        "Gerät liegt. Phishing-Seiten können damit nichts anfangen, denn der Schlüssel passt "
        "nur zur echten Adresse. Wir zeigen, wie die Einrichtung klappt und was passiert, "
        "wenn das Handy verloren geht.",
        "tags": ["Passkeys", "Passwörter", "Ratgeber"],
        "sources": [("Allianz für sichere Anmeldung", "https://sichere-anmeldung.example")],
    },
    {
        "category": "sicherheit",
        "authors": ["jonas-keller"],
        "title": "Ransomware legt Kreisverwaltung lahm: Bürgerdienste tagelang offline",
        "teaser": "Zulassungsstelle, Elterngeld, Bauanträge: Nach einem Erpressungsangriff geht "
        "in einer Kreisverwaltung seit einer Woche fast nichts.",
        "intro": "Die Angreifer verschlüsselten Server und Arbeitsplätze und fordern ein Lösegeld. "
        "Die Verwaltung will nicht zahlen und baut ihre Systeme aus Sicherungen neu auf. "
        "Bürgerinnen und Bürger müssen sich auf lange Wartezeiten einstellen.",
        "tags": ["Ransomware", "Verwaltung", "Angriff"],
        "sources": [("Pressestelle des Landkreises", "https://landkreis.example/presse")],
    },
    {
        "category": "sicherheit",
        "authors": ["jonas-keller"],
        "title": "Gefälschte Paketbenachrichtigungen: Die SMS-Masche kehrt zurück",
        "teaser": "Vor den Feiertagen häufen sich Nachrichten über angeblich wartende Pakete. "
        "Der Link führt zu einer Schadsoftware.",
        "intro": "\u201eIhr Paket konnte nicht zugestellt werden\u201c – mit solchen Kurznachrichten "
        "versuchen Betrüger, Schadsoftware auf Smartphones zu bringen oder Kartendaten "
        "abzugreifen. Die Texte sind inzwischen fehlerfrei und kaum von echten "
        "Benachrichtigungen zu unterscheiden.",
        "tags": ["Phishing", "Smartphones", "Ratgeber"],
        "sources": [("Verbraucherzentrale (Warnungen)", "https://verbraucher.example/warnungen")],
    },
    {
        "category": "sicherheit",
        "authors": ["jonas-keller", "murat-demir"],
        "title": "Smarte Türschlösser mit Schwächen: Drei Modelle im Sicherheitstest",
        "teaser": "Bequem per App öffnen – und im schlechtesten Fall auch für Fremde. Ein Labor "
        "hat nachgeprüft.",
        "intro": "Ein unabhängiges Prüflabor hat drei verbreitete smarte Türschlösser untersucht. "
        "Zwei davon ließen sich per Funk mit vergleichsweise einfachen Mitteln öffnen, beim "
        "dritten fanden die Tester nur kleinere Mängel. Die Hersteller haben Updates "
        "angekündigt.",
        "tags": ["Smart Home", "Test", "Sicherheitslücke"],
        "sources": [("Prüflabor Vernetzte Geräte", "https://pruefsiegel.example")],
    },
    {
        "category": "sicherheit",
        "authors": ["jonas-keller"],
        "title": "Backup-Strategie für Zuhause: Die 3-2-1-Regel einfach erklärt",
        "teaser": "Drei Kopien, zwei Medien, eine außer Haus: Mit dieser Faustregel überstehen "
        "Fotos und Dokumente auch einen Festplattendefekt.",
        "intro": "Festplatten gehen kaputt, Handys fallen ins Wasser, Erpressersoftware "
        "verschlüsselt Daten. Gegen all das hilft nur eine durchdachte Datensicherung. Die "
        "3-2-1-Regel ist leicht zu merken und auch im Privathaushalt umsetzbar.",
        "tags": ["Backup", "Ratgeber"],
        "sources": [],
    },
    {
        "category": "sicherheit",
        "authors": ["jonas-keller"],
        "state": "scheduled",
        "title": "Sicherheitsupdates im Überblick: Der Patchday dieses Monats",
        "teaser": "Welche Lücken geschlossen werden und welche Updates Vorrang haben.",
        "intro": "Am zweiten Dienstag des Monats veröffentlichen mehrere große Hersteller ihre "
        "Sicherheitsupdates. Wir fassen zusammen, welche Korrekturen besonders dringend sind.",
        "tags": ["Patchday", "Update"],
        "sources": [],
    },
    # --- Netzpolitik
    {
        "category": "netzpolitik",
        "authors": ["aylin-schroeder"],
        "state": "featured",
        "title": "Chatkontrolle: Der Streit um das Scannen privater Nachrichten geht weiter",
        "teaser": "Kinderschutz oder Massenüberwachung? Der neue Kompromissvorschlag überzeugt "
        "weder Fachleute noch Kritiker.",
        "intro": "Der Rat hat einen überarbeiteten Vorschlag vorgelegt, nach dem Messenger unter "
        "bestimmten Bedingungen Inhalte auf Darstellungen von Kindesmissbrauch prüfen "
        "sollen. Verschlüsselungsexperten warnen, dass jede Prüfung auf dem Gerät die "
        "Ende-zu-Ende-Verschlüsselung aushöhlt.",
        "tags": ["Chatkontrolle", "Verschlüsselung", "EU"],
        "sources": [
            ("Ratsdokument (Entwurf)", "https://rat.example/dokumente"),
            ("Netzwerk Digitale Grundrechte", "https://digitale-grundrechte.example"),
        ],
    },
    {
        "category": "netzpolitik",
        "authors": ["aylin-schroeder"],
        "title": "Digitale Identität: Die EU-Brieftasche kommt aufs Handy",
        "teaser": "Ausweis, Führerschein und Zeugnisse in einer App: Der Zeitplan steht, viele "
        "Details sind noch offen.",
        "intro": "Bis Ende des übernächsten Jahres muss jeder Mitgliedstaat eine digitale "
        "Brieftasche anbieten. Bürgerinnen sollen sich damit online ausweisen und Nachweise "
        "vorzeigen können, ohne mehr Daten preiszugeben als nötig. Datenschützer achten "
        "besonders darauf, ob sich Nutzungen miteinander verknüpfen lassen.",
        "tags": ["Digitale Identität", "EU", "Datenschutz"],
        "sources": [("Bundesministerium (Eckpunkte)", "https://ministerium.example/eid")],
    },
    {
        "category": "netzpolitik",
        "authors": ["aylin-schroeder"],
        "title": "Glasfaserausbau auf dem Land: Wo es hakt und wo es läuft",
        "teaser": "Förderprogramme, Genehmigungen, fehlende Tiefbauer: Warum manche Gemeinden "
        "schneller sind als andere.",
        "intro": "In einigen Landkreisen hat inzwischen jedes zweite Haus einen Glasfaseranschluss, "
        "in anderen kaum jedes zehnte. Eine Umfrage unter Bürgermeistern zeigt: Entscheidend "
        "sind weniger Fördergelder als schnelle Genehmigungen und verfügbare Baufirmen.",
        "tags": ["Breitband", "Glasfaser", "Infrastruktur"],
        "sources": [("Städte- und Gemeindebund (Umfrage)", "https://gemeindebund.example")],
    },
    {
        "category": "netzpolitik",
        "authors": ["aylin-schroeder", "jonas-keller"],
        "title": "Vorratsdatenspeicherung: Der nächste Anlauf",
        "teaser": "Die Regierung will IP-Adressen für einige Wochen speichern lassen. Ob das vor "
        "Gericht hält, ist fraglich.",
        "intro": "Nach mehreren gescheiterten Versuchen liegt ein neuer Entwurf vor: Provider "
        "sollen IP-Adressen und Portnummern für einen begrenzten Zeitraum speichern. "
        "Ermittler begrüßen den Vorschlag, Bürgerrechtler kündigen eine Verfassungsbeschwerde "
        "an.",
        "tags": ["Vorratsdatenspeicherung", "Überwachung", "Datenschutz"],
        "sources": [("Referentenentwurf", "https://ministerium.example/entwurf")],
    },
    {
        "category": "netzpolitik",
        "authors": ["aylin-schroeder"],
        "title": "Plattformen müssen Empfehlungsalgorithmen offenlegen",
        "teaser": "Nutzer sollen erfahren, warum sie welche Beiträge sehen – und einen Feed ohne "
        "Profiling wählen können.",
        "intro": "Große Plattformen müssen erklären, nach welchen Kriterien sie Inhalte sortieren. "
        "Außerdem sollen Nutzerinnen eine chronologische Ansicht wählen können, die ohne "
        "persönliches Profil auskommt. Eine erste Prüfung der Aufsichtsbehörde zeigt, dass "
        "die Umsetzung sehr unterschiedlich ausfällt.",
        "tags": ["Plattformen", "Algorithmen", "EU"],
        "sources": [("Aufsichtsbehörde für digitale Dienste", "https://digitale-dienste.example")],
    },
    {
        "category": "netzpolitik",
        "authors": ["aylin-schroeder"],
        "title": "Barrierefreiheit wird Pflicht: Was Online-Shops jetzt ändern müssen",
        "teaser": "Seit diesem Sommer gelten neue Anforderungen für viele digitale Angebote. "
        "Kleinstunternehmen sind ausgenommen.",
        "intro": "Online-Shops, Bankportale und E-Book-Reader müssen für Menschen mit "
        "Behinderungen nutzbar sein. Dazu gehören ausreichende Kontraste, Bedienbarkeit per "
        "Tastatur und Texte für Bilder. Viele Anbieter haben die Umstellung unterschätzt.",
        "tags": ["Barrierefreiheit", "Online-Handel", "Recht"],
        "sources": [("Bundesfachstelle Barrierefreiheit", "https://barrierefrei.example")],
    },
    # --- Wissenschaft
    {
        "category": "wissenschaft",
        "authors": ["tobias-brandt"],
        "state": "featured",
        "title": "Quantencomputer korrigiert eigene Fehler besser als erwartet",
        "teaser": "Ein Forschungsteam zeigt, dass mehr Qubits die Fehlerrate senken können. Ein "
        "wichtiger Schritt – aber noch kein nützlicher Rechner.",
        "intro": "Quantencomputer sind empfindlich: Schon kleinste Störungen verfälschen ihre "
        "Rechnungen. Fehlerkorrektur soll das ausgleichen, braucht aber viele zusätzliche "
        "Qubits. Nun ist es einem Team gelungen, die Fehlerrate mit wachsender Zahl von "
        "Qubits tatsächlich zu senken, statt sie zu erhöhen.",
        "tags": ["Quantencomputer", "Forschung", "Physik"],
        "sources": [("Fachzeitschrift Quantentechnik", "https://quantentechnik.example")],
    },
    {
        "category": "wissenschaft",
        "authors": ["tobias-brandt"],
        "title": "Neuer Wettersatellit liefert erste Bilder",
        "teaser": "Alle zehn Minuten ein Bild von Europa und Afrika: Der Satellit soll Gewitter "
        "früher erkennen helfen.",
        "intro": "Vier Monate nach dem Start hat der neue geostationäre Wettersatellit seine "
        "ersten Aufnahmen zur Erde geschickt. Sein Blitzsensor registriert Entladungen in "
        "Wolken, bevor es am Boden kracht – ein Gewinn für Unwetterwarnungen.",
        "tags": ["Raumfahrt", "Wetter", "Satelliten"],
        "sources": [
            ("Europäische Wettersatelliten-Organisation", "https://wettersatelliten.example")
        ],
    },
    {
        "category": "wissenschaft",
        "authors": ["tobias-brandt"],
        "title": "Batterien ohne Lithium: Natrium-Ionen-Akkus gehen in Serie",
        "teaser": "Günstiger, robuster bei Kälte, aber schwerer: Für Heimspeicher und Kleinwagen "
        "könnte die Technik reichen.",
        "intro": "Natrium ist billig und fast überall verfügbar. Akkus auf dieser Basis speichern "
        "zwar weniger Energie pro Kilogramm als Lithium-Ionen-Zellen, verkraften dafür aber "
        "Frost besser und kommen ohne kritische Rohstoffe aus. Erste Hersteller beginnen mit "
        "der Serienfertigung.",
        "tags": ["Batterien", "Energie", "Klima"],
        "sources": [("Batterieforschungszentrum Nord", "https://batterieforschung.example")],
    },
    {
        "category": "wissenschaft",
        "authors": ["tobias-brandt", "lena-hoffmann"],
        "title": "Proteinfaltung im Rechner: Wie KI die Biologie verändert",
        "teaser": "Vorhersagen von Proteinstrukturen dauern Minuten statt Jahre. Labore arbeiten "
        "deshalb anders als früher.",
        "intro": "Wie ein Protein gefaltet ist, bestimmt seine Funktion. Lange ließ sich das nur "
        "mit aufwendigen Experimenten herausfinden. Heute liefern KI-Modelle in vielen "
        "Fällen brauchbare Vorhersagen, die Forschende dann gezielt im Labor überprüfen.",
        "tags": ["Biologie", "Forschung", "Neuronale Netze"],
        "sources": [("Institut für Strukturbiologie", "https://strukturbiologie.example")],
    },
    {
        "category": "wissenschaft",
        "authors": ["tobias-brandt"],
        "title": "Weltraumschrott: Ein Greifarm soll ausgediente Satelliten einfangen",
        "teaser": "Eine Mission will erstmals ein Stück Schrott aus der Umlaufbahn holen. Die "
        "Technik ist anspruchsvoll.",
        "intro": "Tausende ausgediente Satelliten und Raketenteile umkreisen die Erde. Jede "
        "Kollision erzeugt neue Trümmer. Ein europäisches Projekt will nun zeigen, dass sich "
        "ein taumelndes Objekt einfangen und kontrolliert zum Absturz bringen lässt.",
        "tags": ["Raumfahrt", "Weltraumschrott", "Satelliten"],
        "sources": [("Raumfahrtagentur (Missionsseite)", "https://raumfahrt.example/mission")],
    },
    {
        "category": "wissenschaft",
        "authors": ["tobias-brandt"],
        "title": "Fusionsforschung: Plasma hält länger als je zuvor",
        "teaser": "Ein Versuchsreaktor hat einen Rekord bei der Brenndauer aufgestellt. Bis zum "
        "Kraftwerk ist es trotzdem weit.",
        "intro": "Sechs Minuten lang hielt das Plasma in der Versuchsanlage stabil – so lange wie "
        "nie zuvor bei dieser Leistung. Die Forschenden sehen darin einen Beleg, dass ihr "
        "Konzept für einen Dauerbetrieb taugt. Strom wird die Anlage allerdings nie liefern.",
        "tags": ["Kernfusion", "Energie", "Physik"],
        "sources": [("Institut für Plasmaphysik", "https://plasmaphysik.example")],
    },
]
