<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
<context>
    <name></name>
    <message numerus="yes">
        <source>%n article(s) already in the library were not added again</source>
        <translation>
            <numerusform>%n article déjà dans la bibliothèque n’a pas été ajouté de nouveau</numerusform>
            <numerusform>%n articles déjà dans la bibliothèque n’ont pas été ajoutés de nouveau</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n result(s) left out: the search index is ahead of the library (run `reader-app check --repair`, or import, to mend it)</source>
        <translation>
            <numerusform>%n résultat laissé de côté&#xa0;: l’index de recherche est en avance sur la bibliothèque (lancez `reader-app check --repair`, ou importez, pour le réparer)</numerusform>
            <numerusform>%n résultats laissés de côté&#xa0;: l’index de recherche est en avance sur la bibliothèque (lancez `reader-app check --repair`, ou importez, pour le réparer)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) without article text were left out</source>
        <translation>
            <numerusform>%n enregistrement sans texte d’article a été laissé de côté</numerusform>
            <numerusform>%n enregistrements sans texte d’article ont été laissés de côté</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>indexed %n article(s) left by an interrupted import or edit</source>
        <translation>
            <numerusform>%n article laissé par une importation ou une modification interrompue a été indexé</numerusform>
            <numerusform>%n articles laissés par une importation ou une modification interrompue ont été indexés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>index %n article(s) left by an interrupted import or edit</source>
        <translation>
            <numerusform>indexer %n article laissé par une importation ou une modification interrompue</numerusform>
            <numerusform>indexer %n articles laissés par une importation ou une modification interrompue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>queued %n article(s) missing from the search index</source>
        <translation>
            <numerusform>%n article absent de l’index de recherche mis en file</numerusform>
            <numerusform>%n articles absents de l’index de recherche mis en file</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>rebuilt the search index (%n articles): it disagreed with the library</source>
        <translation>
            <numerusform>index de recherche reconstruit (%n article)&#xa0;: il ne correspondait pas à la bibliothèque</numerusform>
            <numerusform>index de recherche reconstruit (%n articles)&#xa0;: il ne correspondait pas à la bibliothèque</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>rebuilt the search index from the library (%n articles): {reason}</source>
        <translation>
            <numerusform>index de recherche reconstruit à partir de la bibliothèque (%n article)&#xa0;: {reason}</numerusform>
            <numerusform>index de recherche reconstruit à partir de la bibliothèque (%n articles)&#xa0;: {reason}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>removed %n search entries of articles no longer in the library</source>
        <translation>
            <numerusform>%n entrée de recherche d’articles qui ne sont plus dans la bibliothèque supprimée</numerusform>
            <numerusform>%n entrées de recherche d’articles qui ne sont plus dans la bibliothèque supprimées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>none of the %n messages has readable text</source>
        <translation>
            <numerusform>le message (%n) n’a pas de texte lisible</numerusform>
            <numerusform>aucun des %n messages n’a de texte lisible</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>none of the %n stories has a body (briefs only)</source>
        <translation>
            <numerusform>la dépêche (%n) n’a pas de corps (brève seulement)</numerusform>
            <numerusform>aucune des %n dépêches n’a de corps (brèves seulement)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>repaired %n garbled accented characters (mojibake)</source>
        <translation>
            <numerusform>%n caractère accentué abîmé réparé (mojibake)</numerusform>
            <numerusform>%n caractères accentués abîmés réparés (mojibake)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n undecodable characters replaced ({encoding})</source>
        <translation>
            <numerusform>%n caractère indécodable remplacé ({encoding})</numerusform>
            <numerusform>%n caractères indécodables remplacés ({encoding})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>removed %n NUL characters</source>
        <translation>
            <numerusform>%n caractère NUL supprimé</numerusform>
            <numerusform>%n caractères NUL supprimés</numerusform>
        </translation>
    </message>
    <message>
        <source>The export was cancelled; no file was written.</source>
        <translation>L’exportation a été annulée&#x202f;; aucun fichier n’a été écrit.</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <source>Save these results, the selection, a tag or a dossier as CSV, Markdown, JSON Lines or PDF</source>
        <translation>Enregistrer ces résultats, la sélection, une étiquette ou un dossier en CSV, Markdown, JSON Lines ou PDF</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>Im&amp;primer…</translation>
    </message>
    <message>
        <source>Print a brief of the selected articles, or of these results</source>
        <translation>Imprimer une synthèse des articles sélectionnés, ou de ces résultats</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n article(s) to %1.</source>
        <translation>
            <numerusform>%n article exporté dans %1.</numerusform>
            <numerusform>%n articles exportés dans %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>The export was cancelled</source>
        <translation>L’exportation a été annulée</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>L’exportation a échoué&#xa0;: %1</translation>
    </message>
    <message>
        <source>Tag: %1</source>
        <translation>Étiquette&#xa0;: %1</translation>
    </message>
    <message>
        <source>Dossier: %1</source>
        <translation>Dossier&#xa0;: %1</translation>
    </message>
    <message>
        <source>Selected articles</source>
        <translation>Articles sélectionnés</translation>
    </message>
    <message>
        <source>Search: %1</source>
        <translation>Recherche&#xa0;: %1</translation>
    </message>
    <message>
        <source>All articles</source>
        <translation>Tous les articles</translation>
    </message>
    <message>
        <source>There is nothing to print: search or select articles first.</source>
        <translation>Il n’y a rien à imprimer&#xa0;: lancez une recherche ou sélectionnez des articles d’abord.</translation>
    </message>
    <message numerus="yes">
        <source>Print %n article(s)</source>
        <translation>
            <numerusform>Imprimer %n article</numerusform>
            <numerusform>Imprimer %n articles</numerusform>
        </translation>
    </message>
    <message>
        <source>Printing was cancelled.</source>
        <translation>L’impression a été annulée.</translation>
    </message>
    <message numerus="yes">
        <source>Printing %n article(s)…</source>
        <translation>
            <numerusform>Impression de %n article…</numerusform>
            <numerusform>Impression de %n articles…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent %n article(s) to the printer.</source>
        <translation>
            <numerusform>%n article envoyé à l’imprimante.</numerusform>
            <numerusform>%n articles envoyés à l’imprimante.</numerusform>
        </translation>
    </message>
    <message>
        <source>Printing failed: %1</source>
        <translation>L’impression a échoué&#xa0;: %1</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <source>{date} at {time}</source>
        <translation>{date} à {time}</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Personne</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personnes</translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation>Organisations</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>Lieux</translation>
    </message>
    <message>
        <source>Other</source>
        <comment>entity type</comment>
        <translation>Autre</translation>
    </message>
    <message>
        <source>Other</source>
        <comment>entity group</comment>
        <translation>Autres</translation>
    </message>
    <message>
        <source>Copy title</source>
        <translation>Copier le titre</translation>
    </message>
    <message>
        <source>Copy link</source>
        <translation>Copier le lien</translation>
    </message>
    <message>
        <source>Only articles from “%1”</source>
        <translation>Seulement les articles de «&#x202f;%1&#x202f;»</translation>
    </message>
    <message>
        <source>Only articles in %1</source>
        <translation>Seulement les articles en %1</translation>
    </message>
    <message>
        <source>Remove tag</source>
        <translation>Retirer l’étiquette</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>read</source>
        <translation>lu</translation>
    </message>
    <message>
        <source>unread</source>
        <translation>non lu</translation>
    </message>
    <message>
        <source>starred</source>
        <translation>avec étoile</translation>
    </message>
    <message>
        <source>tags: %1</source>
        <translation>étiquettes&#xa0;: %1</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nouveaux</translation>
    </message>
    <message numerus="yes">
        <source>%n new for {name}</source>
        <translation>
            <numerusform>%n nouveau pour {name}</numerusform>
            <numerusform>%n nouveaux pour {name}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more watch(es) with new articles</source>
        <translation>
            <numerusform>%n autre alerte avec de nouveaux articles</numerusform>
            <numerusform>%n autres alertes avec de nouveaux articles</numerusform>
        </translation>
    </message>
    <message>
        <source>New articles for your watches</source>
        <translation>Nouveaux articles pour vos alertes</translation>
    </message>
    <message>
        <source>&amp;Sidebar</source>
        <translation>&amp;Panneau latéral</translation>
    </message>
    <message>
        <source>Save search as &amp;watch…</source>
        <translation>Enregistrer la recherche comme &amp;alerte…</translation>
    </message>
    <message>
        <source>&amp;Load a list of names…</source>
        <translation>&amp;Charger une liste de noms…</translation>
    </message>
    <message>
        <source>&amp;Mark all watches as seen</source>
        <translation>&amp;Marquer toutes les alertes comme vues</translation>
    </message>
    <message>
        <source>New &amp;dossier…</source>
        <translation>Nouveau &amp;dossier…</translation>
    </message>
    <message>
        <source>Show or hide the library, watches, tags and dossiers</source>
        <translation>Afficher ou masquer la bibliothèque, les alertes, les étiquettes et les dossiers</translation>
    </message>
    <message>
        <source>Count the new articles of this search at every import</source>
        <translation>Compter les nouveaux articles de cette recherche à chaque importation</translation>
    </message>
    <message>
        <source>One watch per name of a text or CSV file</source>
        <translation>Une alerte par nom d’un fichier texte ou CSV</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Recherche</translation>
    </message>
    <message>
        <source>The sidebar&apos;s counts could not be read: {0}</source>
        <translation>Les totaux du panneau latéral n’ont pas pu être lus&#xa0;: {0}</translation>
    </message>
    <message>
        <source>Open the watch “{0}”</source>
        <translation>Ouvrir l’alerte «&#x202f;{0}&#x202f;»</translation>
    </message>
    <message>
        <source>the file {0} is not a text or CSV list of names</source>
        <translation>le fichier {0} n’est pas une liste de noms en texte ou en CSV</translation>
    </message>
    <message>
        <source>“{0}” merged into “{1}”.</source>
        <translation>«&#x202f;{0}&#x202f;» fusionnée dans «&#x202f;{1}&#x202f;».</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) tagged “{0}”.</source>
        <translation>
            <numerusform>%n article étiqueté «&#x202f;{0}&#x202f;».</numerusform>
            <numerusform>%n articles étiquetés «&#x202f;{0}&#x202f;».</numerusform>
        </translation>
    </message>
    <message>
        <source>These articles already have the tag “{0}”.</source>
        <translation>Ces articles ont déjà l’étiquette «&#x202f;{0}&#x202f;».</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) added to “{0}”.</source>
        <translation>
            <numerusform>%n article ajouté à «&#x202f;{0}&#x202f;».</numerusform>
            <numerusform>%n articles ajoutés à «&#x202f;{0}&#x202f;».</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) removed from “{0}”.</source>
        <translation>
            <numerusform>%n article retiré de «&#x202f;{0}&#x202f;».</numerusform>
            <numerusform>%n articles retirés de «&#x202f;{0}&#x202f;».</numerusform>
        </translation>
    </message>
    <message>
        <source>Watch “{0}” saved: new articles of this search are counted at every import.</source>
        <translation>Alerte «&#x202f;{0}&#x202f;» enregistrée&#xa0;: les nouveaux articles de cette recherche sont comptés à chaque importation.</translation>
    </message>
    <message>
        <source>No names found in {0}.</source>
        <translation>Aucun nom trouvé dans {0}.</translation>
    </message>
    <message numerus="yes">
        <source>%n watch(es) added from {0}</source>
        <translation>
            <numerusform>%n alerte ajoutée depuis {0}</numerusform>
            <numerusform>%n alertes ajoutées depuis {0}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%n name(s) were already watched)</source>
        <translation>
            <numerusform> (%n nom était déjà suivi)</numerusform>
            <numerusform> (%n noms étaient déjà suivis)</numerusform>
        </translation>
    </message>
    <message>
        <source>Search first: a watch saves the current query and filters.</source>
        <translation>Lancez d’abord une recherche&#xa0;: une alerte enregistre la requête et les filtres en cours.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Mark as seen</source>
        <translation>Marquer comme vue</translation>
    </message>
    <message>
        <source>Remove watch…</source>
        <translation>Supprimer l’alerte…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Renommer…</translation>
    </message>
    <message>
        <source>Merge into…</source>
        <translation>Fusionner dans…</translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation>Couleur…</translation>
    </message>
    <message>
        <source>Remove colour</source>
        <translation>Retirer la couleur</translation>
    </message>
    <message>
        <source>Delete tag…</source>
        <translation>Supprimer l’étiquette…</translation>
    </message>
    <message>
        <source>Delete dossier…</source>
        <translation>Supprimer le dossier…</translation>
    </message>
    <message>
        <source>Remove from dossier “{0}”</source>
        <translation>Retirer du dossier «&#x202f;{0}&#x202f;»</translation>
    </message>
    <message>
        <source>Mark watch “{0}” as seen</source>
        <translation>Marquer l’alerte «&#x202f;{0}&#x202f;» comme vue</translation>
    </message>
    <message>
        <source>&amp;Highlight selection</source>
        <translation>&amp;Surligner la sélection</translation>
    </message>
    <message>
        <source>Highlight the passage selected in the article</source>
        <translation>Surligner le passage sélectionné dans l’article</translation>
    </message>
    <message>
        <source>Highlight with &amp;comment…</source>
        <translation>Surligner avec un &amp;commentaire…</translation>
    </message>
    <message>
        <source>Highlight the selected passage and say why</source>
        <translation>Surligner le passage sélectionné et dire pourquoi</translation>
    </message>
    <message>
        <source>Write a &amp;note</source>
        <translation>Écrire une &amp;note</translation>
    </message>
    <message>
        <source>Write a note on the open article</source>
        <translation>Écrire une note sur l’article ouvert</translation>
    </message>
    <message>
        <source>&amp;Note and highlights</source>
        <translation>&amp;Note et surlignages</translation>
    </message>
    <message>
        <source>Show the note and highlights under the article</source>
        <translation>Afficher la note et les surlignages sous l’article</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Editing…</source>
        <translation>Modification…</translation>
    </message>
    <message>
        <source>Open an article to write a note on it.</source>
        <translation>Ouvrez un article pour y écrire une note.</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Enregistrée</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Non enregistrée&#xa0;: %1</translation>
    </message>
    <message>
        <source>The note could not be saved: %1</source>
        <translation>La note n’a pas pu être enregistrée&#xa0;: %1</translation>
    </message>
    <message>
        <source>Select a passage of the article first, then press H.</source>
        <translation>Sélectionnez d’abord un passage de l’article, puis appuyez sur H.</translation>
    </message>
    <message>
        <source>Highlighted.</source>
        <translation>Passage surligné.</translation>
    </message>
    <message>
        <source>Comment saved.</source>
        <translation>Commentaire enregistré.</translation>
    </message>
    <message>
        <source>Highlight removed.</source>
        <translation>Surlignage supprimé.</translation>
    </message>
    <message>
        <source>This highlight</source>
        <translation>Ce surlignage</translation>
    </message>
    <message>
        <source>The highlight could not be saved: %1</source>
        <translation>Le surlignage n’a pas pu être enregistré&#xa0;: %1</translation>
    </message>
    <message>
        <source>Edit highlight &amp;comment…</source>
        <translation>Modifier le &amp;commentaire du surlignage…</translation>
    </message>
    <message>
        <source>&amp;Remove highlight</source>
        <translation>&amp;Supprimer le surlignage</translation>
    </message>
    <message>
        <source>Cannot open the library at {0}:
{1}</source>
        <translation>Impossible d’ouvrir la bibliothèque {0}&#xa0;:
{1}</translation>
    </message>
    <message>
        <source>The library at {0} is damaged.</source>
        <translation>La bibliothèque {0} est endommagée.</translation>
    </message>
    <message>
        <source>Veille can recover every article it can still read into a new library file and rebuild the search index. The damaged file is kept beside it.</source>
        <translation>Veille peut récupérer tous les articles encore lisibles dans un nouveau fichier de bibliothèque et reconstruire l’index de recherche. Le fichier endommagé est conservé à côté.</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>Récupérer</translation>
    </message>
    <message>
        <source>Recovering the library…</source>
        <translation>Récupération de la bibliothèque…</translation>
    </message>
    <message>
        <source>The library could not be recovered: {0}</source>
        <translation>La bibliothèque n’a pas pu être récupérée&#xa0;: {0}</translation>
    </message>
    <message>
        <source>The library was recovered.</source>
        <translation>La bibliothèque a été récupérée.</translation>
    </message>
    <message>
        <source>Mark as &amp;unread</source>
        <translation>Marquer comme &amp;non lu</translation>
    </message>
    <message>
        <source>Mark as &amp;read</source>
        <translation>Marquer comme &amp;lu</translation>
    </message>
    <message>
        <source>Un&amp;star</source>
        <translation>Retirer l’é&amp;toile</translation>
    </message>
    <message>
        <source>&amp;Star</source>
        <translation>Mettre une é&amp;toile</translation>
    </message>
    <message>
        <source>&amp;Next article</source>
        <translation>Article &amp;suivant</translation>
    </message>
    <message>
        <source>&amp;Previous article</source>
        <translation>Article &amp;précédent</translation>
    </message>
    <message>
        <source>Mark the selected articles as read, or as unread</source>
        <translation>Marquer les articles sélectionnés comme lus, ou non lus</translation>
    </message>
    <message>
        <source>Mark as read</source>
        <translation>Marquer comme lu</translation>
    </message>
    <message>
        <source>Mark as unread</source>
        <translation>Marquer comme non lu</translation>
    </message>
    <message>
        <source>Mark &amp;all results as read</source>
        <translation>Marquer &amp;tous les résultats comme lus</translation>
    </message>
    <message>
        <source>Mark every article of these results as read</source>
        <translation>Marquer comme lus tous les articles de ces résultats</translation>
    </message>
    <message>
        <source>Star</source>
        <translation>Mettre une étoile</translation>
    </message>
    <message>
        <source>Unstar</source>
        <translation>Retirer l’étoile</translation>
    </message>
    <message>
        <source>&amp;Tags…</source>
        <translation>Éti&amp;quettes…</translation>
    </message>
    <message>
        <source>Add tags to the selected articles</source>
        <translation>Ajouter des étiquettes aux articles sélectionnés</translation>
    </message>
    <message>
        <source>Add to &amp;dossier…</source>
        <translation>Ajouter à un &amp;dossier…</translation>
    </message>
    <message>
        <source>&amp;Export selection…</source>
        <translation>&amp;Exporter la sélection…</translation>
    </message>
    <message>
        <source>Save the selected articles as CSV, Markdown, JSON Lines or PDF</source>
        <translation>Enregistrer les articles sélectionnés en CSV, Markdown, JSON Lines ou PDF</translation>
    </message>
    <message>
        <source>Edit &amp;metadata…</source>
        <translation>Modifier les &amp;métadonnées…</translation>
    </message>
    <message>
        <source>Correct the title, date, source or language</source>
        <translation>Corriger le titre, la date, la source ou la langue</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>Supp&amp;rimer</translation>
    </message>
    <message>
        <source>Delete the selected articles (Edit &gt; Undo delete brings them back)</source>
        <translation>Supprimer les articles sélectionnés (Édition &gt; Annuler la suppression les rétablit)</translation>
    </message>
    <message>
        <source>Undo &amp;delete</source>
        <translation>Annuler la suppr&amp;ession</translation>
    </message>
    <message>
        <source>&amp;Open original</source>
        <translation>&amp;Ouvrir l’original</translation>
    </message>
    <message>
        <source>Open the imported file with the system&apos;s application</source>
        <translation>Ouvrir le fichier importé avec l’application du système</translation>
    </message>
    <message>
        <source>Save original &amp;as…</source>
        <translation>Enregistrer l’original &amp;sous…</translation>
    </message>
    <message>
        <source>Show containing &amp;folder</source>
        <translation>Afficher le dossier &amp;contenant</translation>
    </message>
    <message>
        <source>&amp;Articles</source>
        <translation>&amp;Articles</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>&amp;Chronologie</translation>
    </message>
    <message>
        <source>Show the results per month above the list</source>
        <translation>Afficher les résultats par mois au-dessus de la liste</translation>
    </message>
    <message numerus="yes">
        <source>Results from %1 to %2 (%n day(s)).</source>
        <translation>
            <numerusform>Résultats du %1 au %2 (%n jour).</numerusform>
            <numerusform>Résultats du %1 au %2 (%n jours).</numerusform>
        </translation>
    </message>
    <message>
        <source>Add to dossier</source>
        <translation>Ajouter à un dossier</translation>
    </message>
    <message>
        <source>New dossier…</source>
        <translation>Nouveau dossier…</translation>
    </message>
    <message>
        <source>Find a dossier</source>
        <translation>Chercher un dossier</translation>
    </message>
    <message>
        <source>Dossiers</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <source>Name of the new dossier</source>
        <translation>Nom du nouveau dossier</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Add to:</source>
        <translation>Ajouter à&#xa0;:</translation>
    </message>
    <message numerus="yes">
        <source>Add %n article(s) to:</source>
        <translation>
            <numerusform>Ajouter %n article à&#xa0;:</numerusform>
            <numerusform>Ajouter %n articles à&#xa0;:</numerusform>
        </translation>
    </message>
    <message>
        <source>That dossier exists: the articles are added to it.</source>
        <translation>Ce dossier existe&#xa0;: les articles y sont ajoutés.</translation>
    </message>
    <message>
        <source>New dossier</source>
        <translation>Nouveau dossier</translation>
    </message>
    <message>
        <source>Name of the new dossier:</source>
        <translation>Nom du nouveau dossier&#xa0;:</translation>
    </message>
    <message>
        <source>There is already a dossier “{name}”.</source>
        <translation>Il existe déjà un dossier «&#x202f;{name}&#x202f;».</translation>
    </message>
    <message>
        <source>Rename dossier</source>
        <translation>Renommer le dossier</translation>
    </message>
    <message>
        <source>New name of the dossier “{0}”:</source>
        <translation>Nouveau nom du dossier «&#x202f;{0}&#x202f;»&#xa0;:</translation>
    </message>
    <message numerus="yes">
        <source>Delete the dossier “{0}”? Its %n article(s) stay in the library; their order in the dossier is lost.</source>
        <translation>
            <numerusform>Supprimer le dossier «&#x202f;{0}&#x202f;»&#x202f;? Son article (%n) reste dans la bibliothèque&#x202f;; son ordre dans le dossier est perdu.</numerusform>
            <numerusform>Supprimer le dossier «&#x202f;{0}&#x202f;»&#x202f;? Ses %n articles restent dans la bibliothèque&#x202f;; leur ordre dans le dossier est perdu.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete dossier</source>
        <translation>Supprimer le dossier</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <source>Tags to add</source>
        <translation>Étiquettes à ajouter</translation>
    </message>
    <message numerus="yes">
        <source>Add tags to %n article(s):</source>
        <translation>
            <numerusform>Ajouter des étiquettes à %n article&#xa0;:</numerusform>
            <numerusform>Ajouter des étiquettes à %n articles&#xa0;:</numerusform>
        </translation>
    </message>
    <message>
        <source>Add tags</source>
        <translation>Ajouter des étiquettes</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Edit metadata</source>
        <translation>Modifier les métadonnées</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-JJ</translation>
    </message>
    <message>
        <source>fr, en, …</source>
        <translation>fr, en, …</translation>
    </message>
    <message>
        <source>Your library is empty</source>
        <translation>Votre bibliothèque est vide</translation>
    </message>
    <message>
        <source>Drop news files or folders here, or use &lt;b&gt;File &amp;gt; Import files…&lt;/b&gt;</source>
        <translation>Déposez ici des fichiers ou des dossiers d’actualités, ou utilisez &lt;b&gt;Fichier &amp;gt; Importer des fichiers…&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Formats: plain text, HTML pages, RSS/Atom feeds, e-mails (.eml, .mbox), news XML and ZIP archives of them.</source>
        <translation>Formats&#xa0;: texte brut, pages HTML, flux RSS/Atom, courriels (.eml, .mbox), XML d’agences de presse et archives ZIP de ces fichiers.</translation>
    </message>
    <message>
        <source>Load sample articles</source>
        <translation>Charger les articles d’exemple</translation>
    </message>
    <message>
        <source>Import files…</source>
        <translation>Importer des fichiers…</translation>
    </message>
    <message>
        <source>Try fewer words, or remove a filter.</source>
        <translation>Essayez avec moins de mots, ou retirez un filtre.</translation>
    </message>
    <message>
        <source>Try fewer or other words.</source>
        <translation>Essayez avec moins de mots, ou d’autres mots.</translation>
    </message>
    <message>
        <source>No article matches &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>Aucun article ne correspond à &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>See Help &amp;gt; Search syntax.</source>
        <translation>Voir Aide &amp;gt; Syntaxe de recherche.</translation>
    </message>
    <message>
        <source>Drop to import into your library</source>
        <translation>Déposez pour importer dans votre bibliothèque</translation>
    </message>
    <message>
        <source>CSV, for spreadsheets</source>
        <translation>CSV, pour les tableurs</translation>
    </message>
    <message>
        <source>Markdown brief</source>
        <translation>Synthèse Markdown</translation>
    </message>
    <message>
        <source>JSON Lines (re-importable)</source>
        <translation>JSON Lines (réimportable)</translation>
    </message>
    <message>
        <source>PDF brief</source>
        <translation>Synthèse PDF</translation>
    </message>
    <message>
        <source>Export articles</source>
        <translation>Exporter des articles</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>Progression de l’exportation</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exporter</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>Articles</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>Mentions</translation>
    </message>
    <message>
        <source>Also written</source>
        <translation>Autres graphies</translation>
    </message>
    <message>
        <source>(hidden: not shown in the sidebar, highlights or filters)</source>
        <translation>(masquée&#xa0;: absente du panneau, des surlignages et des filtres)</translation>
    </message>
    <message>
        <source>(ambiguous: several people of the library bear this name; merge it with the one meant, if you know)</source>
        <translation>(ambigu&#x202f;: plusieurs personnes de la bibliothèque portent ce nom&#x202f;; fusionnez-le avec celle qui est visée, si vous la connaissez)</translation>
    </message>
    <message>
        <source>{0} (hidden)</source>
        <translation>{0} (masquée)</translation>
    </message>
    <message>
        <source>{0} (ambiguous)</source>
        <translation>{0} (ambigu)</translation>
    </message>
    <message numerus="yes">
        <source>These results (%n article(s))</source>
        <translation>
            <numerusform>Ces résultats (%n article)</numerusform>
            <numerusform>Ces résultats (%n articles)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The selected articles (%n)</source>
        <translation>
            <numerusform>L’article sélectionné (%n)</numerusform>
            <numerusform>Les articles sélectionnés (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Articles tagged</source>
        <translation>Articles avec l’étiquette</translation>
    </message>
    <message>
        <source>The dossier</source>
        <translation>Le dossier</translation>
    </message>
    <message>
        <source>Tag to export</source>
        <translation>Étiquette à exporter</translation>
    </message>
    <message>
        <source>Dossier to export</source>
        <translation>Dossier à exporter</translation>
    </message>
    <message>
        <source>Export format</source>
        <translation>Format d’exportation</translation>
    </message>
    <message>
        <source>File to write</source>
        <translation>Fichier à écrire</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Choose the file to write</source>
        <translation>Choisir le fichier à écrire</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format&#xa0;:</translation>
    </message>
    <message>
        <source>F&amp;ile:</source>
        <translation>F&amp;ichier&#xa0;:</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exporter vers</translation>
    </message>
    <message>
        <source>Choose which articles to export.</source>
        <translation>Choisissez les articles à exporter.</translation>
    </message>
    <message>
        <source>Choose a file in an existing folder.</source>
        <translation>Choisissez un fichier dans un dossier existant.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n article(s)…</source>
        <translation>
            <numerusform>Exportation de %n article…</numerusform>
            <numerusform>Exportation de %n articles…</numerusform>
        </translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Highlights</source>
        <translation>Surlignages</translation>
    </message>
    <message>
        <source>Highlights of this article</source>
        <translation>Surlignages de cet article</translation>
    </message>
    <message>
        <source>Select a passage of the article and press H to highlight it (Shift+H to add a comment).</source>
        <translation>Sélectionnez un passage de l’article et appuyez sur H pour le surligner (Maj+H pour ajouter un commentaire).</translation>
    </message>
    <message>
        <source>Comment…</source>
        <translation>Commentaire…</translation>
    </message>
    <message>
        <source>Edit the comment (F2)</source>
        <translation>Modifier le commentaire (F2)</translation>
    </message>
    <message>
        <source>Edit the highlight&apos;s comment</source>
        <translation>Modifier le commentaire du surlignage</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Remove the highlight (Delete)</source>
        <translation>Supprimer le surlignage (Suppr)</translation>
    </message>
    <message>
        <source>Remove the highlight</source>
        <translation>Supprimer le surlignage</translation>
    </message>
    <message>
        <source>Highlights (%1)</source>
        <translation>Surlignages (%1)</translation>
    </message>
    <message>
        <source>Highlight comment</source>
        <translation>Commentaire du surlignage</translation>
    </message>
    <message>
        <source>Why this passage matters…</source>
        <translation>Pourquoi ce passage compte…</translation>
    </message>
    <message>
        <source>Comment on the highlighted passage</source>
        <translation>Commentaire sur le passage surligné</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importé</translation>
    </message>
    <message>
        <source>Already in library</source>
        <translation>Déjà dans la bibliothèque</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Ignoré</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message numerus="yes">
        <source>%Ln imported</source>
        <comment>files</comment>
        <translation>
            <numerusform>%Ln importé</numerusform>
            <numerusform>%Ln importés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln already in library</source>
        <comment>files</comment>
        <translation>
            <numerusform>%Ln déjà dans la bibliothèque</numerusform>
            <numerusform>%Ln déjà dans la bibliothèque</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln skipped</source>
        <comment>files</comment>
        <translation>
            <numerusform>%Ln ignoré</numerusform>
            <numerusform>%Ln ignorés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln failed</source>
        <comment>files</comment>
        <translation>
            <numerusform>%Ln en échec</numerusform>
            <numerusform>%Ln en échec</numerusform>
        </translation>
    </message>
    <message>
        <source>Import: {0}</source>
        <translation>Importation&#xa0;: {0}</translation>
    </message>
    <message>
        <source>nothing to import</source>
        <translation>rien à importer</translation>
    </message>
    <message>
        <source>{0} (cancelled)</source>
        <translation>{0} (annulée)</translation>
    </message>
    <message>
        <source>Sync: sending articles…</source>
        <translation>Synchronisation&#xa0;: envoi des articles…</translation>
    </message>
    <message>
        <source>Sync: sending changes…</source>
        <translation>Synchronisation&#xa0;: envoi des modifications…</translation>
    </message>
    <message>
        <source>Sync: receiving articles…</source>
        <translation>Synchronisation&#xa0;: réception des articles…</translation>
    </message>
    <message>
        <source>Sync: receiving changes…</source>
        <translation>Synchronisation&#xa0;: réception des modifications…</translation>
    </message>
    <message>
        <source>Synced with {0}: sent {1} and {2}; received {3} and {4}</source>
        <translation>Synchronisé avec {0}&#xa0;: envoyé {1} et {2}&#x202f;; reçu {3} et {4}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln article(s)</source>
        <translation>
            <numerusform>%Ln article</numerusform>
            <numerusform>%Ln articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln change(s)</source>
        <translation>
            <numerusform>%Ln modification</numerusform>
            <numerusform>%Ln modifications</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %Ln note(s) edited on two desktops kept both ways</source>
        <translation>
            <numerusform>&#x202f;; %Ln note modifiée sur deux postes, gardée dans ses deux versions</numerusform>
            <numerusform>&#x202f;; %Ln notes modifiées sur deux postes, gardées dans leurs deux versions</numerusform>
        </translation>
    </message>
    <message>
        <source>; stopped: the next sync goes on from here</source>
        <translation>&#x202f;; interrompue&#xa0;: la prochaine synchronisation reprendra d’ici</translation>
    </message>
    <message>
        <source>S&amp;ync with team server</source>
        <translation>S&amp;ynchroniser avec le serveur d’équipe</translation>
    </message>
    <message>
        <source>Send your articles and work to the team server and bring back everyone else&apos;s</source>
        <translation>Envoyer vos articles et votre travail au serveur d’équipe et rapporter ceux des autres</translation>
    </message>
    <message>
        <source>Last sync with the team server</source>
        <translation>Dernière synchronisation avec le serveur d’équipe</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Progression de la synchronisation</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchroniser</translation>
    </message>
    <message>
        <source>Sync with the team server ({0})</source>
        <translation>Synchroniser avec le serveur d’équipe ({0})</translation>
    </message>
    <message>
        <source>Last synced: {0} with {1}</source>
        <translation>Dernière synchronisation&#xa0;: {0} avec {1}</translation>
    </message>
    <message>
        <source>Not synced yet with {0}</source>
        <translation>Pas encore synchronisé avec {0}</translation>
    </message>
    <message>
        <source>Stopping the sync…</source>
        <translation>Arrêt de la synchronisation…</translation>
    </message>
    <message>
        <source>Give the team server&apos;s address first (Preferences &gt; Team server).</source>
        <translation>Indiquez d’abord l’adresse du serveur d’équipe (Préférences &gt; Serveur d’équipe).</translation>
    </message>
    <message>
        <source>Sync: connecting to {0}…</source>
        <translation>Synchronisation&#xa0;: connexion à {0}…</translation>
    </message>
    <message>
        <source>Stop the s&amp;ync</source>
        <translation>Arrêter la s&amp;ynchronisation</translation>
    </message>
    <message>
        <source>Stop sync</source>
        <translation>Arrêter la synchronisation</translation>
    </message>
    <message>
        <source>Stop the sync; what is done stays done</source>
        <translation>Arrêter la synchronisation&#x202f;; ce qui est fait reste fait</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message>
        <source>Import summary</source>
        <translation>Bilan de l’importation</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Raison</translation>
    </message>
    <message>
        <source>What happened to each file</source>
        <translation>Ce qu’il est advenu de chaque fichier</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothèque</translation>
    </message>
    <message>
        <source>Watches</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Non lus</translation>
    </message>
    <message>
        <source>Starred</source>
        <translation>Avec étoile</translation>
    </message>
    <message>
        <source>With a note</source>
        <translation>Avec une note</translation>
    </message>
    <message>
        <source>Search: {0}</source>
        <translation>Recherche&#xa0;: {0}</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) tagged “{0}”. Drag onto another tag to merge them.</source>
        <translation>
            <numerusform>%n article avec l’étiquette «&#x202f;{0}&#x202f;». Glissez-la sur une autre étiquette pour les fusionner.</numerusform>
            <numerusform>%n articles avec l’étiquette «&#x202f;{0}&#x202f;». Glissez-la sur une autre étiquette pour les fusionner.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s), in the dossier&apos;s own order. Drop articles here to add them.</source>
        <translation>
            <numerusform>%n article, dans l’ordre du dossier. Déposez des articles ici pour les ajouter.</numerusform>
            <numerusform>%n articles, dans l’ordre du dossier. Déposez des articles ici pour les ajouter.</numerusform>
        </translation>
    </message>
    <message>
        <source>Save a search as a watch (Ctrl+Shift+S)</source>
        <translation>Ctrl+Maj+S&#xa0;: nouvelle alerte</translation>
    </message>
    <message>
        <source>No tags yet</source>
        <translation>Aucune étiquette</translation>
    </message>
    <message>
        <source>Right-click to create a dossier</source>
        <translation>Clic droit&#xa0;: nouveau dossier</translation>
    </message>
    <message>
        <source>Filters: {0}</source>
        <translation>Filtres&#xa0;: {0}</translation>
    </message>
    <message numerus="yes">
        <source>%n new article(s) since last marked as seen</source>
        <translation>
            <numerusform>%n nouvel article depuis le dernier «&#x202f;vu&#x202f;»</numerusform>
            <numerusform>%n nouveaux articles depuis le dernier «&#x202f;vu&#x202f;»</numerusform>
        </translation>
    </message>
    <message>
        <source>New articles in all watches</source>
        <translation>Nouveaux articles de toutes les alertes</translation>
    </message>
    <message>
        <source>Library, watches, tags and dossiers</source>
        <translation>Bibliothèque, alertes, étiquettes et dossiers</translation>
    </message>
    <message>
        <source>+ Watch</source>
        <translation>+ Alerte</translation>
    </message>
    <message>
        <source>Save the current search as a watch</source>
        <translation>Enregistrer la recherche en cours comme alerte</translation>
    </message>
    <message>
        <source>+ Dossier</source>
        <translation>+ Dossier</translation>
    </message>
    <message>
        <source>Create a dossier</source>
        <translation>Créer un dossier</translation>
    </message>
    <message>
        <source>Forget which articles are new for this watch</source>
        <translation>Oublier quels articles sont nouveaux pour cette alerte</translation>
    </message>
    <message>
        <source>Mark the watch&apos;s articles as seen</source>
        <translation>Marquer les articles de l’alerte comme vus</translation>
    </message>
    <message>
        <source>Take the selected articles out of this dossier</source>
        <translation>Sortir les articles sélectionnés de ce dossier</translation>
    </message>
    <message>
        <source>Remove the selected articles from the dossier</source>
        <translation>Retirer les articles sélectionnés du dossier</translation>
    </message>
    <message numerus="yes">
        <source>“{0}”: %n new</source>
        <translation>
            <numerusform>«&#x202f;{0}&#x202f;»&#xa0;: %n nouveau</numerusform>
            <numerusform>«&#x202f;{0}&#x202f;»&#xa0;: %n nouveaux</numerusform>
        </translation>
    </message>
    <message>
        <source>“{0}”: nothing new</source>
        <translation>«&#x202f;{0}&#x202f;»&#xa0;: rien de nouveau</translation>
    </message>
    <message numerus="yes">
        <source>%n in all</source>
        <translation>
            <numerusform>%n au total</numerusform>
            <numerusform>%n au total</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“{0}”: %n article(s)</source>
        <translation>
            <numerusform>«&#x202f;{0}&#x202f;»&#xa0;: %n article</numerusform>
            <numerusform>«&#x202f;{0}&#x202f;»&#xa0;: %n articles</numerusform>
        </translation>
    </message>
    <message>
        <source>drag to reorder</source>
        <translation>glissez pour réordonner</translation>
    </message>
    <message>
        <source>sorted by the list&apos;s order; choose Relevance for the dossier&apos;s</source>
        <translation>trié selon la liste&#x202f;; choisissez Pertinence pour l’ordre du dossier</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>(sans titre)</translation>
    </message>
    <message>
        <source>Search your library — e.g. alliance sahel, &quot;Sadio Camara&quot;, date:2025-08</source>
        <translation>Rechercher dans votre bibliothèque — p. ex. alliance sahel, &quot;Sadio Camara&quot;, date:2025-08</translation>
    </message>
    <message>
        <source>Relevance</source>
        <translation>Pertinence</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>Plus récents d’abord</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>Plus anciens d’abord</translation>
    </message>
    <message>
        <source>French</source>
        <translation>français</translation>
    </message>
    <message>
        <source>English</source>
        <translation>anglais</translation>
    </message>
    <message>
        <source>German</source>
        <translation>allemand</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>espagnol</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>italien</translation>
    </message>
    <message>
        <source>Showing results for &lt;b&gt;{0}&lt;/b&gt; — no article has &lt;i&gt;{1}&lt;/i&gt;. &lt;a href=&apos;keep&apos;&gt;Search exactly what I typed&lt;/a&gt;</source>
        <translation>Résultats pour &lt;b&gt;{0}&lt;/b&gt; — aucun article ne contient &lt;i&gt;{1}&lt;/i&gt;. &lt;a href=&apos;keep&apos;&gt;Rechercher exactement ce que j’ai tapé&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Did you mean &lt;a href=&apos;suggest&apos;&gt;&lt;b&gt;{0}&lt;/b&gt;&lt;/a&gt;?</source>
        <translation>Vouliez-vous dire &lt;a href=&apos;suggest&apos;&gt;&lt;b&gt;{0}&lt;/b&gt;&lt;/a&gt; ?</translation>
    </message>
    <message>
        <source>No article has all the words; showing articles with most of them.</source>
        <translation>Aucun article ne contient tous les mots&#x202f;; voici ceux qui en contiennent le plus.</translation>
    </message>
    <message>
        <source>Any date</source>
        <translation>Toute date</translation>
    </message>
    <message>
        <source>Show only unread articles</source>
        <translation>Afficher seulement les articles non lus</translation>
    </message>
    <message>
        <source>Only unread articles (is:unread)</source>
        <translation>Seulement les articles non lus (is:unread)</translation>
    </message>
    <message>
        <source>Show only starred articles</source>
        <translation>Afficher seulement les articles avec étoile</translation>
    </message>
    <message>
        <source>Only starred articles (is:starred)</source>
        <translation>Seulement les articles avec étoile (is:starred)</translation>
    </message>
    <message>
        <source>With note</source>
        <translation>Avec note</translation>
    </message>
    <message>
        <source>Show only articles with a note</source>
        <translation>Afficher seulement les articles avec une note</translation>
    </message>
    <message>
        <source>Only articles with a note (has:note)</source>
        <translation>Seulement les articles avec une note (has:note)</translation>
    </message>
    <message>
        <source>Tag: %1  ✕</source>
        <translation>Étiquette&#xa0;: %1  ✕</translation>
    </message>
    <message>
        <source>Tag %1: click to stop filtering by it</source>
        <translation>Étiquette %1&#xa0;: cliquez pour ne plus filtrer par elle</translation>
    </message>
    <message>
        <source>Only articles tagged %1: click to remove</source>
        <translation>Seulement les articles avec l’étiquette %1&#xa0;: cliquez pour retirer</translation>
    </message>
    <message>
        <source>Order of the results</source>
        <translation>Ordre des résultats</translation>
    </message>
    <message>
        <source>One row per story</source>
        <translation>Une ligne par histoire</translation>
    </message>
    <message>
        <source>Versions of one story (updates, cuts, reprints) share a row; uncheck to list every version</source>
        <translation>Les versions d’une même histoire (mises à jour, coupes, reprises) partagent une ligne&#x202f;; décochez pour voir chaque version</translation>
    </message>
    <message>
        <source>Only articles from this date</source>
        <translation>Seulement les articles à partir de cette date</translation>
    </message>
    <message>
        <source>Only articles up to this date</source>
        <translation>Seulement les articles jusqu’à cette date</translation>
    </message>
    <message>
        <source>All sources</source>
        <translation>Toutes les sources</translation>
    </message>
    <message>
        <source>All languages</source>
        <translation>Toutes les langues</translation>
    </message>
    <message>
        <source>From</source>
        <comment>a date</comment>
        <translation>Du</translation>
    </message>
    <message>
        <source>to</source>
        <comment>a date</comment>
        <translation>au</translation>
    </message>
    <message>
        <source>Only articles mentioning {0}: click to remove</source>
        <translation>Seulement les articles qui mentionnent {0}&#xa0;: cliquez pour retirer</translation>
    </message>
    <message>
        <source>Filter {0}: click to remove it</source>
        <translation>Filtre {0}&#xa0;: cliquez pour le retirer</translation>
    </message>
    <message>
        <source>No articles</source>
        <translation>Aucun article</translation>
    </message>
    <message numerus="yes">
        <source>%Ln story(ies)</source>
        <translation>
            <numerusform>%Ln histoire</numerusform>
            <numerusform>%Ln histoires</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>Tag name</source>
        <translation>Nom de l’étiquette</translation>
    </message>
    <message>
        <source>Tags, separated by commas</source>
        <translation>Étiquettes, séparées par des virgules</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Étiquette</translation>
    </message>
    <message>
        <source>A name is limited to 200 characters.</source>
        <translation>Un nom est limité à 200 caractères.</translation>
    </message>
    <message>
        <source>Rename tag</source>
        <translation>Renommer l’étiquette</translation>
    </message>
    <message>
        <source>New name of the tag “{0}”:</source>
        <translation>Nouveau nom de l’étiquette «&#x202f;{0}&#x202f;»&#xa0;:</translation>
    </message>
    <message>
        <source>A tag “{name}” exists: the two tags will be merged.</source>
        <translation>L’étiquette «&#x202f;{name}&#x202f;» existe&#xa0;: les deux étiquettes seront fusionnées.</translation>
    </message>
    <message>
        <source>Merge tag</source>
        <translation>Fusionner l’étiquette</translation>
    </message>
    <message>
        <source>Merge “{0}” into the tag:</source>
        <translation>Fusionner «&#x202f;{0}&#x202f;» dans l’étiquette&#xa0;:</translation>
    </message>
    <message>
        <source>Its articles get “{0}”; “{1}” goes.</source>
        <translation>Ses articles reçoivent «&#x202f;{0}&#x202f;»&#x202f;; «&#x202f;{1}&#x202f;» disparaît.</translation>
    </message>
    <message>
        <source>Choose one of the existing tags.</source>
        <translation>Choisissez une des étiquettes existantes.</translation>
    </message>
    <message numerus="yes">
        <source>Merge the tag “{0}” into “{1}”? Its %n article(s) get “{1}”.</source>
        <translation>
            <numerusform>Fusionner l’étiquette «&#x202f;{0}&#x202f;» dans «&#x202f;{1}&#x202f;»&#x202f;? Son article (%n) reçoit «&#x202f;{1}&#x202f;».</numerusform>
            <numerusform>Fusionner l’étiquette «&#x202f;{0}&#x202f;» dans «&#x202f;{1}&#x202f;»&#x202f;? Ses %n articles reçoivent «&#x202f;{1}&#x202f;».</numerusform>
        </translation>
    </message>
    <message>
        <source>Merge tags</source>
        <translation>Fusionner les étiquettes</translation>
    </message>
    <message numerus="yes">
        <source>Delete the tag “{0}”? It is taken off %n article(s); the articles stay in the library.</source>
        <translation>
            <numerusform>Supprimer l’étiquette «&#x202f;{0}&#x202f;»&#x202f;? Elle est retirée de %n article&#x202f;; l’article reste dans la bibliothèque.</numerusform>
            <numerusform>Supprimer l’étiquette «&#x202f;{0}&#x202f;»&#x202f;? Elle est retirée de %n articles&#x202f;; les articles restent dans la bibliothèque.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete tag</source>
        <translation>Supprimer l’étiquette</translation>
    </message>
    <message>
        <source>Colour of the tag “{0}”</source>
        <translation>Couleur de l’étiquette «&#x202f;{0}&#x202f;»</translation>
    </message>
    <message>
        <source>from {0}</source>
        <translation>à partir du {0}</translation>
    </message>
    <message>
        <source>to {0}</source>
        <translation>jusqu’au {0}</translation>
    </message>
    <message>
        <source>source {0}</source>
        <translation>source {0}</translation>
    </message>
    <message>
        <source>language {0}</source>
        <translation>langue {0}</translation>
    </message>
    <message>
        <source>mentioning {0}</source>
        <translation>mentionnant {0}</translation>
    </message>
    <message>
        <source>Save search as watch</source>
        <translation>Enregistrer la recherche comme alerte</translation>
    </message>
    <message>
        <source>Name of the watch</source>
        <translation>Nom de l’alerte</translation>
    </message>
    <message>
        <source>Query of the watch</source>
        <translation>Requête de l’alerte</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>After every import, Veille counts the new articles this search finds and shows them in the sidebar.</source>
        <translation>Après chaque importation, Veille compte les nouveaux articles que trouve cette recherche et les affiche dans le panneau latéral.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Query:</source>
        <translation>&amp;Requête&#xa0;:</translation>
    </message>
    <message>
        <source>Filters:</source>
        <translation>Filtres&#xa0;:</translation>
    </message>
    <message>
        <source>A watch needs a name.</source>
        <translation>Une alerte doit avoir un nom.</translation>
    </message>
    <message>
        <source>There is already a watch with this name.</source>
        <translation>Il existe déjà une alerte de ce nom.</translation>
    </message>
    <message>
        <source>A watch needs a query or filters.</source>
        <translation>Une alerte doit avoir une requête ou des filtres.</translation>
    </message>
    <message>
        <source>Load a list of names</source>
        <translation>Charger une liste de noms</translation>
    </message>
    <message>
        <source>Lists of names (*.txt *.csv *.tsv);;All files (*)</source>
        <translation>Listes de noms (*.txt *.csv *.tsv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Remove the watch “{0}”? The articles stay in the library.</source>
        <translation>Supprimer l’alerte «&#x202f;{0}&#x202f;»&#x202f;? Les articles restent dans la bibliothèque.</translation>
    </message>
    <message>
        <source>Remove watch</source>
        <translation>Supprimer l’alerte</translation>
    </message>
    <message>
        <source>Stop the import or the entity search; what is done stays</source>
        <translation>Arrêter l’importation ou la recherche d’entités&#x202f;; ce qui est fait est conservé</translation>
    </message>
    <message>
        <source>Import details…</source>
        <translation>Détails de l’importation…</translation>
    </message>
    <message>
        <source>Search the library</source>
        <translation>Rechercher dans la bibliothèque</translation>
    </message>
    <message>
        <source>Articles found</source>
        <translation>Articles trouvés</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>Match</source>
        <comment>a search match, in the colour key</comment>
        <translation>Occurrence</translation>
    </message>
    <message>
        <source>Open an article to see the people, organisations and places in it.</source>
        <translation>Ouvrez un article pour voir les personnes, organisations et lieux qu’il cite.</translation>
    </message>
    <message>
        <source>Entities</source>
        <translation>Entités</translation>
    </message>
    <message>
        <source>This article</source>
        <translation>Cet article</translation>
    </message>
    <message>
        <source>Entities of the open article, by mentions</source>
        <translation>Entités de l’article ouvert, par mentions</translation>
    </message>
    <message>
        <source>All results</source>
        <translation>Résultats</translation>
    </message>
    <message>
        <source>Entities of the current results, by articles</source>
        <translation>Entités des résultats affichés, par articles</translation>
    </message>
    <message>
        <source>No entities in these results yet.</source>
        <translation>Pas encore d’entités dans ces résultats.</translation>
    </message>
    <message>
        <source>Click an entity to show only the articles that mention it.</source>
        <translation>Cliquez sur une entité pour n’afficher que les articles qui la mentionnent.</translation>
    </message>
    <message>
        <source>Finding entities in this article…</source>
        <translation>Recherche des entités de cet article…</translation>
    </message>
    <message>
        <source>No entities found in this article.</source>
        <translation>Aucune entité trouvée dans cet article.</translation>
    </message>
    <message>
        <source>Click an entity to highlight it; click again for the next mention.</source>
        <translation>Cliquez sur une entité pour la surligner&#x202f;; cliquez de nouveau pour la mention suivante.</translation>
    </message>
    <message>
        <source>Filter results by “{0}”</source>
        <translation>Filtrer les résultats par «&#x202f;{0}&#x202f;»</translation>
    </message>
    <message>
        <source>Highlight mentions</source>
        <translation>Surligner les mentions</translation>
    </message>
    <message>
        <source>Background work progress</source>
        <translation>Progression des tâches de fond</translation>
    </message>
    <message>
        <source>Import details</source>
        <translation>Détails de l’importation</translation>
    </message>
    <message>
        <source>lower confidence: no model for this language; see docs/entities.md</source>
        <translation>fiabilité moindre&#xa0;: aucun modèle pour cette langue&#x202f;; voir docs/entities.md</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{0}&lt;/b&gt;: %n mention(s)</source>
        <translation>
            <numerusform>&lt;b&gt;{0}&lt;/b&gt; : %n mention</numerusform>
            <numerusform>&lt;b&gt;{0}&lt;/b&gt; : %n mentions</numerusform>
        </translation>
    </message>
    <message>
        <source>Undid a rename of an earlier session</source>
        <translation>Renommage d’une session précédente annulé</translation>
    </message>
    <message>
        <source>Undid a type change of an earlier session</source>
        <translation>Changement de type d’une session précédente annulé</translation>
    </message>
    <message>
        <source>Undid a hide of an earlier session</source>
        <translation>Masquage d’une session précédente annulé</translation>
    </message>
    <message>
        <source>Undid a merge of an earlier session</source>
        <translation>Fusion d’une session précédente annulée</translation>
    </message>
    <message>
        <source>Renamed “{0}” to “{1}”</source>
        <translation>«&#x202f;{0}&#x202f;» renommée en «&#x202f;{1}&#x202f;»</translation>
    </message>
    <message>
        <source>“{0}” is now of type {1}</source>
        <translation>«&#x202f;{0}&#x202f;» est maintenant du type {1}</translation>
    </message>
    <message>
        <source>Hid “{0}”</source>
        <translation>«&#x202f;{0}&#x202f;» masquée</translation>
    </message>
    <message>
        <source>“{0}” is shown again</source>
        <translation>«&#x202f;{0}&#x202f;» est de nouveau affichée</translation>
    </message>
    <message>
        <source>the entity to merge into is no longer in the library</source>
        <translation>l’entité cible de la fusion n’est plus dans la bibliothèque</translation>
    </message>
    <message>
        <source>Merged “{0}” into “{1}”</source>
        <translation>«&#x202f;{0}&#x202f;» fusionnée dans «&#x202f;{1}&#x202f;»</translation>
    </message>
    <message>
        <source>No entity edit to undo</source>
        <translation>Aucune modification d’entité à annuler</translation>
    </message>
    <message>
        <source>Undone: {0}</source>
        <translation>Annulé&#xa0;: {0}</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>this entity is no longer in the library</source>
        <translation>cette entité n’est plus dans la bibliothèque</translation>
    </message>
    <message>
        <source>Entity edit failed: {0}</source>
        <translation>La modification de l’entité a échoué&#xa0;: {0}</translation>
    </message>
    <message>
        <source># Search syntax

- `alliance sahel`: articles with both words (accents optional: *securite* finds *sécurité*)
- `&quot;Sadio Camara&quot;`: the exact phrase
- `date:2025-08`: articles of August 2025
- `source:…`, `lang:fr`: one source, one language
</source>
        <translation># Syntaxe de recherche

- `alliance sahel` : les articles qui contiennent les deux mots (accents facultatifs&#xa0;: *securite* trouve *sécurité*)
- `&quot;Sadio Camara&quot;` : l’expression exacte
- `date:2025-08` : les articles d’août 2025
- `source:…`, `lang:fr` : une source, une langue
</translation>
    </message>
    <message>
        <source>Search syntax</source>
        <translation>Syntaxe de recherche</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importation…</translation>
    </message>
    <message>
        <source>Importing {0} of {1} — {2}</source>
        <translation>Importation {0} sur {1} — {2}</translation>
    </message>
    <message>
        <source>Importing {0} — {1}</source>
        <translation>Importation {0} — {1}</translation>
    </message>
    <message>
        <source>Import failed: {0}</source>
        <translation>L’importation a échoué&#xa0;: {0}</translation>
    </message>
    <message numerus="yes">
        <source>Entities: %Ln article(s) queued</source>
        <translation>
            <numerusform>Entités&#xa0;: %Ln article en attente</numerusform>
            <numerusform>Entités&#xa0;: %Ln articles en attente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Finding entities: {0} of %Ln article(s)</source>
        <translation>
            <numerusform>Recherche des entités&#xa0;: {0} sur %Ln article</numerusform>
            <numerusform>Recherche des entités&#xa0;: {0} sur %Ln articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Entities found in %Ln article(s)</source>
        <translation>
            <numerusform>Entités trouvées dans %Ln article</numerusform>
            <numerusform>Entités trouvées dans %Ln articles</numerusform>
        </translation>
    </message>
    <message>
        <source>Entity extraction failed: {0}</source>
        <translation>L’extraction des entités a échoué&#xa0;: {0}</translation>
    </message>
    <message numerus="yes">
        <source>Updating the search index: {0} of %Ln article(s)…</source>
        <translation>
            <numerusform>Mise à jour de l’index de recherche&#xa0;: {0} sur %Ln article…</numerusform>
            <numerusform>Mise à jour de l’index de recherche&#xa0;: {0} sur %Ln articles…</numerusform>
        </translation>
    </message>
    <message>
        <source>The library&apos;s store is damaged ({0}). Close Veille and run “reader-app check --repair” to mend it; nothing has been changed.</source>
        <translation>La base de la bibliothèque est endommagée ({0}). Fermez Veille et lancez «&#xa0;reader-app check --repair&#xa0;» pour la réparer&#x202f;; rien n’a été modifié.</translation>
    </message>
    <message>
        <source>Damaged library</source>
        <translation>Bibliothèque endommagée</translation>
    </message>
    <message>
        <source>The library could not be checked: {0}</source>
        <translation>La bibliothèque n’a pas pu être vérifiée&#xa0;: {0}</translation>
    </message>
    <message numerus="yes">
        <source>{0}: %n article(s)</source>
        <translation>
            <numerusform>{0}&#xa0;: %n article</numerusform>
            <numerusform>{0}&#xa0;: %n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0}: %n mention(s)</source>
        <translation>
            <numerusform>{0}&#xa0;: %n mention</numerusform>
            <numerusform>{0}&#xa0;: %n mentions</numerusform>
        </translation>
    </message>
    <message>
        <source>Search failed ({0}: {1})</source>
        <translation>La recherche a échoué ({0}&#xa0;: {1})</translation>
    </message>
    <message>
        <source>Could not show the rest of this article ({0}).</source>
        <translation>Impossible d’afficher la suite de cet article ({0}).</translation>
    </message>
    <message>
        <source>(empty link)</source>
        <translation>(lien vide)</translation>
    </message>
    <message>
        <source>Link not opened: {0} — only web (http, https) and e-mail links open from an article.</source>
        <translation>Lien non ouvert&#xa0;: {0} — seuls les liens web (http, https) et de courriel s’ouvrent depuis un article.</translation>
    </message>
    <message>
        <source>Link not opened: {0} has no web address to go to.</source>
        <translation>Lien non ouvert&#xa0;: {0} ne mène à aucune adresse web.</translation>
    </message>
    <message>
        <source>Link not opened: the e-mail link has no address.</source>
        <translation>Lien non ouvert&#xa0;: le lien de courriel n’a pas d’adresse.</translation>
    </message>
    <message>
        <source>Select an article in the list to read it here.</source>
        <translation>Sélectionnez un article dans la liste pour le lire ici.</translation>
    </message>
    <message>
        <source>The article pane does not open other pages ({0}).</source>
        <translation>Le volet de l’article n’ouvre pas d’autres pages ({0}).</translation>
    </message>
    <message>
        <source>Match {0} of {1}</source>
        <translation>Occurrence {0} sur {1}</translation>
    </message>
    <message>
        <source>Still indexing the mentions of this long article; click the name again in a moment.</source>
        <translation>Les mentions de ce long article sont encore en cours d’indexation&#x202f;; cliquez de nouveau sur le nom dans un instant.</translation>
    </message>
    <message>
        <source>Mention {0} of {1} of {2}</source>
        <translation>Mention {0} sur {1} de {2}</translation>
    </message>
    <message>
        <source>{0} is in the part not shown yet.</source>
        <translation>{0} se trouve dans la partie pas encore affichée.</translation>
    </message>
    <message>
        <source>Change type</source>
        <translation>Changer le type</translation>
    </message>
    <message>
        <source>Show again</source>
        <translation>Afficher de nouveau</translation>
    </message>
    <message>
        <source>Hide (wrong entity)</source>
        <translation>Masquer (entité erronée)</translation>
    </message>
    <message>
        <source>Not a real entity: remove it from the sidebar, highlights and filters</source>
        <translation>Pas une vraie entité&#xa0;: la retirer du panneau, des surlignages et des filtres</translation>
    </message>
    <message>
        <source>Rename entity</source>
        <translation>Renommer l’entité</translation>
    </message>
    <message>
        <source>New name for “{0}”:</source>
        <translation>Nouveau nom pour «&#x202f;{0}&#x202f;»&#xa0;:</translation>
    </message>
    <message>
        <source>Merge entity</source>
        <translation>Fusionner l’entité</translation>
    </message>
    <message>
        <source>Type part of a name…</source>
        <translation>Tapez une partie d’un nom…</translation>
    </message>
    <message>
        <source>Merge “{0}” into (the one you pick keeps its name):</source>
        <translation>Fusionner «&#x202f;{0}&#x202f;» dans (l’entité choisie garde son nom)&#xa0;:</translation>
    </message>
    <message numerus="yes">
        <source>{0} — {1}, %n article(s)</source>
        <translation>
            <numerusform>{0} — {1}, %n article</numerusform>
            <numerusform>{0} — {1}, %n articles</numerusform>
        </translation>
    </message>
    <message>
        <source>Entities — Veille</source>
        <translation>Entités — Veille</translation>
    </message>
    <message>
        <source>Filter entities by name</source>
        <translation>Filtrer les entités par nom</translation>
    </message>
    <message>
        <source>Entity type</source>
        <translation>Type d’entité</translation>
    </message>
    <message>
        <source>Sort entities</source>
        <translation>Trier les entités</translation>
    </message>
    <message>
        <source>Entities of the library</source>
        <translation>Entités de la bibliothèque</translation>
    </message>
    <message>
        <source>Articles per month</source>
        <translation>Articles par mois</translation>
    </message>
    <message>
        <source>Articles mentioning the entity</source>
        <translation>Articles qui mentionnent l’entité</translation>
    </message>
    <message>
        <source>Articles, companions and network of the entity</source>
        <translation>Articles, entités associées et réseau de l’entité</translation>
    </message>
    <message>
        <source>Network of the entities of the current results</source>
        <translation>Réseau des entités des résultats</translation>
    </message>
    <message>
        <source>Filter entities by name…</source>
        <translation>Filtrer les entités par nom…</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Tous les types</translation>
    </message>
    <message>
        <source>Most articles first</source>
        <translation>Plus d’articles d’abord</translation>
    </message>
    <message>
        <source>By name</source>
        <translation>Par nom</translation>
    </message>
    <message>
        <source>Show hidden</source>
        <translation>Afficher les masquées</translation>
    </message>
    <message>
        <source>List hidden entities too, to show them again</source>
        <translation>Lister aussi les entités masquées, pour les réafficher</translation>
    </message>
    <message>
        <source>Select an entity to see its articles over time.</source>
        <translation>Sélectionnez une entité pour voir ses articles dans le temps.</translation>
    </message>
    <message>
        <source>Double-click to read an article in the main window</source>
        <translation>Double-cliquez pour lire un article dans la fenêtre principale</translation>
    </message>
    <message>
        <source>Filter search by this entity</source>
        <translation>Filtrer la recherche par cette entité</translation>
    </message>
    <message>
        <source>Seen with</source>
        <translation>Vu avec</translation>
    </message>
    <message>
        <source>Network of the results</source>
        <translation>Réseau des résultats</translation>
    </message>
    <message numerus="yes">
        <source>%n entity(ies)</source>
        <translation>
            <numerusform>%n entité</numerusform>
            <numerusform>%n entités</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{0}&lt;/b&gt; — {1}: %n article(s)</source>
        <translation>
            <numerusform>&lt;b&gt;{0}&lt;/b&gt; — {1}&#xa0;: %n article</numerusform>
            <numerusform>&lt;b&gt;{0}&lt;/b&gt; — {1}&#xa0;: %n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mention(s)</source>
        <translation>
            <numerusform>%n mention</numerusform>
            <numerusform>%n mentions</numerusform>
        </translation>
    </message>
    <message>
        <source>undated</source>
        <translation>sans date</translation>
    </message>
    <message>
        <source>undated: {0}</source>
        <translation>sans date&#xa0;: {0}</translation>
    </message>
    <message>
        <source>No dated articles</source>
        <translation>Aucun article daté</translation>
    </message>
    <message>
        <source>Select an entity</source>
        <translation>Sélectionnez une entité</translation>
    </message>
    <message>
        <source>Articles per month (most: {0})</source>
        <translation>Articles par mois (maximum&#xa0;: {0})</translation>
    </message>
    <message>
        <source>Articles per year (most: {0})</source>
        <translation>Articles par an (maximum&#xa0;: {0})</translation>
    </message>
    <message numerus="yes">
        <source>%n undated</source>
        <translation>
            <numerusform>%n sans date</numerusform>
            <numerusform>%n sans date</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} MB</source>
        <translation>{0}&#xa0;Mo</translation>
    </message>
    <message>
        <source>{0} KB</source>
        <translation>{0}&#xa0;ko</translation>
    </message>
    <message>
        <source>Showing {0} of {1}…</source>
        <translation>Affichage de {0} sur {1}…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Stop adding text; what is shown stays</source>
        <translation>Arrêter d’ajouter du texte&#x202f;; ce qui est affiché reste</translation>
    </message>
    <message>
        <source>Showing the first {0} of {1}.</source>
        <translation>Affichage des premiers {0} sur {1}.</translation>
    </message>
    <message>
        <source>Show the whole article ({0})</source>
        <translation>Afficher tout l’article ({0})</translation>
    </message>
    <message>
        <source>Adds the rest a little at a time; you can keep reading meanwhile</source>
        <translation>Ajoute la suite peu à peu&#x202f;; vous pouvez continuer à lire pendant ce temps</translation>
    </message>
    <message>
        <source>A long article: {0}</source>
        <translation>Un long article&#xa0;: {0}</translation>
    </message>
    <message numerus="yes">
        <source>Importing %n item(s)…</source>
        <translation>
            <numerusform>Importation de %n élément…</numerusform>
            <numerusform>Importation de %n éléments…</numerusform>
        </translation>
    </message>
    <message>
        <source>Import news files</source>
        <translation>Importer des fichiers d’actualités</translation>
    </message>
    <message>
        <source>Import a folder of news files</source>
        <translation>Importer un dossier de fichiers d’actualités</translation>
    </message>
    <message>
        <source>The sample articles are not installed.</source>
        <translation>Les articles d’exemple ne sont pas installés.</translation>
    </message>
    <message>
        <source>{0} — details…</source>
        <translation>{0} — détails…</translation>
    </message>
    <message>
        <source>Show what happened to each file of the last import</source>
        <translation>Montrer ce qu’il est advenu de chaque fichier lors de la dernière importation</translation>
    </message>
    <message>
        <source>Nothing imported yet in this session.</source>
        <translation>Rien n’a encore été importé pendant cette session.</translation>
    </message>
    <message>
        <source>The library store cannot be read; run `reader-app check --repair` ({0})</source>
        <translation>Le stockage de la bibliothèque est illisible&#x202f;; lancez `reader-app check --repair` ({0})</translation>
    </message>
    <message numerus="yes">
        <source>%n version(s)</source>
        <translation>
            <numerusform>%n version</numerusform>
            <numerusform>%n versions</numerusform>
        </translation>
    </message>
    <message>
        <source>{0}, {1}</source>
        <translation>{0}, {1}</translation>
    </message>
    <message numerus="yes">
        <source>%n outlet(s)</source>
        <translation>
            <numerusform>%n média</numerusform>
            <numerusform>%n médias</numerusform>
        </translation>
    </message>
    <message>
        <source>Show or hide the versions of this story</source>
        <translation>Afficher ou masquer les versions de cette histoire</translation>
    </message>
    <message numerus="yes">
        <source>%n version(s) of this story</source>
        <translation>
            <numerusform>%n version de cette histoire</numerusform>
            <numerusform>%n versions de cette histoire</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} — this is the earliest</source>
        <translation>{0} — celle-ci est la plus ancienne</translation>
    </message>
    <message>
        <source>{0} — same sentences as the earliest</source>
        <translation>{0} — mêmes phrases que la plus ancienne</translation>
    </message>
    <message>
        <source>{0} — this one drops {1}</source>
        <translation>{0} — celle-ci retire {1}</translation>
    </message>
    <message>
        <source>{0} — this one adds {1}</source>
        <translation>{0} — celle-ci ajoute {1}</translation>
    </message>
    <message>
        <source>{0} — this one adds {1} and drops {2}</source>
        <translation>{0} — celle-ci ajoute {1} et retire {2}</translation>
    </message>
    <message numerus="yes">
        <source>%n sentence(s)</source>
        <translation>
            <numerusform>%n phrase</numerusform>
            <numerusform>%n phrases</numerusform>
        </translation>
    </message>
    <message>
        <source>Compared with the earliest ({0}):</source>
        <translation>Par rapport à la plus ancienne ({0})&#x202f;:</translation>
    </message>
    <message>
        <source>this one</source>
        <translation>celle-ci</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… et %n autre</numerusform>
            <numerusform>… et %n autres</numerusform>
        </translation>
    </message>
    <message>
        <source>Select an entity to see who and what it is seen with.</source>
        <translation>Choisissez une entité pour voir avec qui et avec quoi elle apparaît.</translation>
    </message>
    <message>
        <source>Double-click or press Enter: search the articles where both appear</source>
        <translation>Double-cliquez ou appuyez sur Entrée&#x202f;: chercher les articles où les deux apparaissent</translation>
    </message>
    <message>
        <source>Entities seen with the selected entity</source>
        <translation>Entités vues avec l’entité choisie</translation>
    </message>
    <message numerus="yes">
        <source>{0} — {1}, %n article(s) together</source>
        <translation>
            <numerusform>{0} — {1}, %n article en commun</numerusform>
            <numerusform>{0} — {1}, %n articles en commun</numerusform>
        </translation>
    </message>
    <message>
        <source>Seen with {0}, in the most articles first:</source>
        <translation>Vu avec {0}, par nombre d’articles en commun&#x202f;:</translation>
    </message>
    <message>
        <source>{0} is seen with no other entity.</source>
        <translation>{0} n’apparaît avec aucune autre entité.</translation>
    </message>
    <message>
        <source>Entities of the current results and how often they meet: {0}</source>
        <translation>Entités des résultats et fréquence de leurs rencontres&#x202f;: {0}</translation>
    </message>
    <message>
        <source>No entities in the current results</source>
        <translation>Aucune entité dans les résultats</translation>
    </message>
    <message>
        <source>Team archive</source>
        <translation>Archive d’équipe</translation>
    </message>
    <message>
        <source>Include the team archive: also search every article on the team server</source>
        <translation>Inclure l’archive d’équipe&#xa0;: chercher aussi dans tous les articles du serveur d’équipe</translation>
    </message>
    <message>
        <source>Include the team archive</source>
        <translation>Inclure l’archive d’équipe</translation>
    </message>
    <message>
        <source>Include the team archive (give the team server&apos;s address in Preferences first)</source>
        <translation>Inclure l’archive d’équipe (indiquez d’abord l’adresse du serveur d’équipe dans les Préférences)</translation>
    </message>
    <message>
        <source>Searching the team archive…</source>
        <translation>Recherche dans l’archive d’équipe…</translation>
    </message>
    <message>
        <source>Fetching the article from the team archive…</source>
        <translation>Récupération de l’article dans l’archive d’équipe…</translation>
    </message>
    <message>
        <source>The team archive no longer holds this article.</source>
        <translation>L’archive d’équipe ne contient plus cet article.</translation>
    </message>
    <message>
        <source>Article added from the team archive.</source>
        <translation>Article ajouté depuis l’archive d’équipe.</translation>
    </message>
    <message>
        <source>imported by {0}</source>
        <translation>importé par {0}</translation>
    </message>
    <message>
        <source>Open an article to bring it into your library</source>
        <translation>Ouvrez un article pour l’ajouter à votre bibliothèque</translation>
    </message>
    <message>
        <source>Articles found in the team archive</source>
        <translation>Articles trouvés dans l’archive d’équipe</translation>
    </message>
    <message numerus="yes">
        <source>In the team archive: %Ln article(s) not in your library</source>
        <translation>
            <numerusform>Dans l’archive d’équipe&#xa0;: %Ln article absent de votre bibliothèque</numerusform>
            <numerusform>Dans l’archive d’équipe&#xa0;: %Ln articles absents de votre bibliothèque</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%Ln match(es) in all)</source>
        <translation>
            <numerusform>(%Ln résultat en tout)</numerusform>
            <numerusform>(%Ln résultats en tout)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>In the team archive: %Ln match(es), all already in your library</source>
        <translation>
            <numerusform>Dans l’archive d’équipe&#xa0;: %Ln résultat, déjà dans votre bibliothèque</numerusform>
            <numerusform>Dans l’archive d’équipe&#xa0;: %Ln résultats, tous déjà dans votre bibliothèque</numerusform>
        </translation>
    </message>
    <message>
        <source>In the team archive: no match</source>
        <translation>Dans l’archive d’équipe&#xa0;: aucun résultat</translation>
    </message>
</context>
<context>
    <name>About</name>
    <message>
        <source>An offline reader for saved news: import, search, and follow the people, organisations and places in your articles.</source>
        <translation>Un lecteur hors ligne d’actualités enregistrées&#xa0;: importez, recherchez et suivez les personnes, organisations et lieux de vos articles.</translation>
    </message>
    <message>
        <source>Everything stays on this computer.</source>
        <translation>Tout reste sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Library: {0}</source>
        <translation>Bibliothèque&#xa0;: {0}</translation>
    </message>
    <message>
        <source>Veille is free software under the MIT licence. It is built on:</source>
        <translation>Veille est un logiciel libre sous licence MIT. Il s’appuie sur&#xa0;:</translation>
    </message>
    <message>
        <source>About Veille</source>
        <translation>À propos de Veille</translation>
    </message>
</context>
<context>
    <name>ArticleFiles</name>
    <message>
        <source>CSV, for spreadsheets (*.csv)</source>
        <translation>CSV, pour les tableurs (*.csv)</translation>
    </message>
    <message>
        <source>Markdown brief (*.md)</source>
        <translation>Synthèse Markdown (*.md)</translation>
    </message>
    <message>
        <source>JSON Lines, re-importable (*.jsonl)</source>
        <translation>JSON Lines, réimportable (*.jsonl)</translation>
    </message>
    <message>
        <source>PDF brief (*.pdf)</source>
        <translation>Synthèse PDF (*.pdf)</translation>
    </message>
    <message numerus="yes">
        <source>Export %n article(s)</source>
        <translation>
            <numerusform>Exporter %n article</numerusform>
            <numerusform>Exporter %n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exporting: %1 of %n article(s)…</source>
        <translation>
            <numerusform>Exportation&#xa0;: %1 sur %n article…</numerusform>
            <numerusform>Exportation&#xa0;: %1 sur %n articles…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n article(s) to %1.</source>
        <translation>
            <numerusform>%n article exporté dans %1.</numerusform>
            <numerusform>%n articles exportés dans %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n article(s)…</source>
        <translation>
            <numerusform>Exportation de %n article…</numerusform>
            <numerusform>Exportation de %n articles…</numerusform>
        </translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>L’exportation a échoué&#xa0;: %1</translation>
    </message>
    <message>
        <source>The original file of this article was not kept.</source>
        <translation>Le fichier d’origine de cet article n’a pas été conservé.</translation>
    </message>
    <message>
        <source>No application could open %1.</source>
        <translation>Aucune application n’a pu ouvrir %1.</translation>
    </message>
    <message>
        <source>Save original as</source>
        <translation>Enregistrer l’original sous</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 enregistré.</translation>
    </message>
    <message>
        <source>The file this article came from is no longer there (%1).</source>
        <translation>Le fichier d’où vient cet article n’existe plus (%1).</translation>
    </message>
    <message>
        <source>No application could show %1.</source>
        <translation>Aucune application n’a pu afficher %1.</translation>
    </message>
</context>
<context>
    <name>ArticleHistory</name>
    <message>
        <source>marked read</source>
        <translation>a marqué comme lu</translation>
    </message>
    <message>
        <source>marked unread</source>
        <translation>a marqué comme non lu</translation>
    </message>
    <message>
        <source>starred</source>
        <translation>a mis une étoile</translation>
    </message>
    <message>
        <source>unstarred</source>
        <translation>a retiré l’étoile</translation>
    </message>
    <message>
        <source>edited the note</source>
        <translation>a modifié la note</translation>
    </message>
    <message>
        <source>cleared the note</source>
        <translation>a effacé la note</translation>
    </message>
    <message>
        <source>tagged “{name}”</source>
        <translation>a ajouté l’étiquette «&#x202f;{name}&#x202f;»</translation>
    </message>
    <message>
        <source>removed the tag “{name}”</source>
        <translation>a retiré l’étiquette «&#x202f;{name}&#x202f;»</translation>
    </message>
    <message>
        <source>highlighted “{quote}”</source>
        <translation>a surligné «&#x202f;{quote}&#x202f;»</translation>
    </message>
    <message>
        <source>removed a highlight</source>
        <translation>a retiré un surlignage</translation>
    </message>
    <message>
        <source>commented a highlight</source>
        <translation>a commenté un surlignage</translation>
    </message>
    <message>
        <source>added to the dossier “{dossier}”</source>
        <translation>a ajouté au dossier «&#x202f;{dossier}&#x202f;»</translation>
    </message>
    <message>
        <source>removed from the dossier “{dossier}”</source>
        <translation>a retiré du dossier «&#x202f;{dossier}&#x202f;»</translation>
    </message>
    <message>
        <source>moved in the dossier “{dossier}”</source>
        <translation>a déplacé dans le dossier «&#x202f;{dossier}&#x202f;»</translation>
    </message>
    <message>
        <source>edited the title</source>
        <translation>a modifié le titre</translation>
    </message>
    <message>
        <source>edited the date</source>
        <translation>a modifié la date</translation>
    </message>
    <message>
        <source>edited the source</source>
        <translation>a modifié la source</translation>
    </message>
    <message>
        <source>edited the lang</source>
        <translation>a modifié la langue</translation>
    </message>
    <message>
        <source>restored the article</source>
        <translation>a restauré l’article</translation>
    </message>
    <message>
        <source>deleted the article</source>
        <translation>a supprimé l’article</translation>
    </message>
</context>
<context>
    <name>ArticlePane</name>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>Occurrence précédente (Maj+F3)</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>Occurrence suivante (F3)</translation>
    </message>
    <message>
        <source>Show or hide related articles</source>
        <translation>Afficher ou masquer les articles liés</translation>
    </message>
    <message>
        <source>Related articles</source>
        <translation>Articles liés</translation>
    </message>
    <message>
        <source>Show or hide the note and highlights</source>
        <translation>Afficher ou masquer la note et les surlignages</translation>
    </message>
    <message>
        <source>✎ has a note</source>
        <translation>✎ a une note</translation>
    </message>
    <message numerus="yes">
        <source>%n highlight(s)</source>
        <translation>
            <numerusform>%n surlignage</numerusform>
            <numerusform>%n surlignages</numerusform>
        </translation>
    </message>
    <message>
        <source>Note and highlights</source>
        <translation>Note et surlignages</translation>
    </message>
    <message numerus="yes">
        <source>%Ln match(es) — F3 to step</source>
        <translation>
            <numerusform>%Ln occurrence — F3 pour avancer</numerusform>
            <numerusform>%Ln occurrences — F3 pour avancer</numerusform>
        </translation>
    </message>
    <message>
        <source>match {0} of {1}</source>
        <translation>occurrence {0} sur {1}</translation>
    </message>
    <message>
        <source>match {0} of {1} (not shown yet)</source>
        <translation>occurrence {0} sur {1} (pas encore affichée)</translation>
    </message>
    <message>
        <source>Related articles ({0})</source>
        <translation>Articles liés ({0})</translation>
    </message>
</context>
<context>
    <name>CoreMessages</name>
    <message>
        <source>not read</source>
        <translation>non lu</translation>
    </message>
    <message>
        <source>removed what an interrupted search index rebuild left</source>
        <translation>restes d’une reconstruction interrompue de l’index de recherche supprimés</translation>
    </message>
    <message>
        <source>not imported: {reason}</source>
        <translation>non importé&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>already in the library as article {first}</source>
        <translation>déjà dans la bibliothèque (article {first})</translation>
    </message>
    <message>
        <source>already in the library as article {first} (and {others} more)</source>
        <translation>déjà dans la bibliothèque (article {first} et {others} autres)</translation>
    </message>
    <message>
        <source>no article found in the file</source>
        <translation>aucun article trouvé dans le fichier</translation>
    </message>
    <message>
        <source>cannot read the file: {error}</source>
        <translation>impossible de lire le fichier&#xa0;: {error}</translation>
    </message>
    <message>
        <source>nothing to read</source>
        <translation>rien à lire</translation>
    </message>
    <message>
        <source>file not found</source>
        <translation>fichier introuvable</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>permission refusée</translation>
    </message>
    <message>
        <source>this is a folder, not a file</source>
        <translation>c’est un dossier, pas un fichier</translation>
    </message>
    <message>
        <source>the file name is too long</source>
        <translation>le nom du fichier est trop long</translation>
    </message>
    <message>
        <source>could not read the file ({error})</source>
        <translation>le fichier n’a pas pu être lu ({error})</translation>
    </message>
    <message>
        <source>file too large ({size} MB; the limit is {limit} MB)</source>
        <translation>fichier trop volumineux ({size}&#xa0;Mo&#x202f;; la limite est de {limit}&#xa0;Mo)</translation>
    </message>
    <message>
        <source>file too large (over {limit} MB)</source>
        <translation>fichier trop volumineux (plus de {limit}&#xa0;Mo)</translation>
    </message>
    <message>
        <source>link to a file outside the imported folder: not followed</source>
        <translation>lien vers un fichier hors du dossier importé&#xa0;: non suivi</translation>
    </message>
    <message>
        <source>link to a folder outside the imported folder: not followed</source>
        <translation>lien vers un dossier hors du dossier importé&#xa0;: non suivi</translation>
    </message>
    <message>
        <source>link that leads back to itself (a link loop)</source>
        <translation>lien qui revient sur lui-même (boucle de liens)</translation>
    </message>
    <message>
        <source>link that leads back to itself (a link loop): not followed</source>
        <translation>lien qui revient sur lui-même (boucle de liens)&#xa0;: non suivi</translation>
    </message>
    <message>
        <source>broken link (its target does not exist): not followed</source>
        <translation>lien cassé (sa cible n’existe pas)&#xa0;: non suivi</translation>
    </message>
    <message>
        <source>link that cannot be followed ({reason})</source>
        <translation>lien impossible à suivre ({reason})</translation>
    </message>
    <message>
        <source>not a regular file (device, pipe or socket)</source>
        <translation>pas un fichier ordinaire (périphérique, tube ou socket)</translation>
    </message>
    <message>
        <source>cannot open this folder: {reason}</source>
        <translation>impossible d’ouvrir ce dossier&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>corrupt or unreadable ZIP archive ({error})</source>
        <translation>archive ZIP corrompue ou illisible ({error})</translation>
    </message>
    <message>
        <source>too many files in the archive ({n}; the limit is {limit})</source>
        <translation>trop de fichiers dans l’archive ({n}&#x202f;; la limite est de {limit})</translation>
    </message>
    <message>
        <source>archive too large once uncompressed ({size} MB; the limit is {limit} MB)</source>
        <translation>archive trop volumineuse une fois décompressée ({size}&#xa0;Mo&#x202f;; la limite est de {limit}&#xa0;Mo)</translation>
    </message>
    <message>
        <source>archive nested too deeply (a ZIP in a ZIP in a ZIP): not opened</source>
        <translation>archives trop imbriquées (un ZIP dans un ZIP dans un ZIP)&#xa0;: non ouverte</translation>
    </message>
    <message>
        <source>the file is no longer in the archive</source>
        <translation>le fichier n’est plus dans l’archive</translation>
    </message>
    <message>
        <source>cannot read this archive member ({error})</source>
        <translation>impossible de lire ce fichier de l’archive ({error})</translation>
    </message>
    <message>
        <source>unsupported compression in the archive ({error})</source>
        <translation>compression non prise en charge dans l’archive ({error})</translation>
    </message>
    <message>
        <source>corrupt archive member ({error})</source>
        <translation>fichier de l’archive corrompu ({error})</translation>
    </message>
    <message>
        <source>nested archive too large (over {limit} MB)</source>
        <translation>archive imbriquée trop volumineuse (plus de {limit}&#xa0;Mo)</translation>
    </message>
    <message>
        <source>unsafe file name in the archive ({why}): not imported</source>
        <translation>nom de fichier dangereux dans l’archive ({why})&#xa0;: non importé</translation>
    </message>
    <message>
        <source>an absolute path</source>
        <translation>un chemin absolu</translation>
    </message>
    <message>
        <source>a Windows drive path</source>
        <translation>un chemin de lecteur Windows</translation>
    </message>
    <message>
        <source>&apos;..&apos; would climb out of the archive&apos;s folder</source>
        <translation>«&#x202f;..&#x202f;» sortirait du dossier de l’archive</translation>
    </message>
    <message>
        <source>link stored in the archive: not followed</source>
        <translation>lien enregistré dans l’archive&#xa0;: non suivi</translation>
    </message>
    <message>
        <source>password-protected archive member: cannot be read</source>
        <translation>fichier de l’archive protégé par mot de passe&#xa0;: illisible</translation>
    </message>
    <message>
        <source>refused: compressed {ratio} to 1, which looks like a zip bomb (the limit is {max} to 1)</source>
        <translation>refusé&#xa0;: compressé {ratio} fois, ce qui ressemble à une bombe de décompression (la limite est de {max} fois)</translation>
    </message>
    <message>
        <source>nothing to import ({why})</source>
        <translation>rien à importer ({why})</translation>
    </message>
    <message>
        <source>only hidden or system files</source>
        <translation>seulement des fichiers cachés ou système</translation>
    </message>
    <message>
        <source>empty archive</source>
        <translation>archive vide</translation>
    </message>
    <message>
        <source>not a text file: looks like {what}</source>
        <translation>pas un fichier texte&#xa0;: ressemble à {what}</translation>
    </message>
    <message>
        <source>not a text file: looks like a bzip2 archive</source>
        <translation>pas un fichier texte&#xa0;: ressemble à une archive bzip2</translation>
    </message>
    <message>
        <source>not a text file: looks like a TAR archive (unpack it first)</source>
        <translation>pas un fichier texte&#xa0;: ressemble à une archive TAR (décompressez-la d’abord)</translation>
    </message>
    <message>
        <source>not a text file: looks like a video or audio file (MP4)</source>
        <translation>pas un fichier texte&#xa0;: ressemble à un fichier vidéo ou audio (MP4)</translation>
    </message>
    <message>
        <source>not a text file: it holds binary data</source>
        <translation>pas un fichier texte&#xa0;: il contient des données binaires</translation>
    </message>
    <message>
        <source>a ZIP archive (or an Office/EPUB document)</source>
        <translation>une archive ZIP (ou un document Office/EPUB)</translation>
    </message>
    <message>
        <source>an empty ZIP archive</source>
        <translation>une archive ZIP vide</translation>
    </message>
    <message>
        <source>a 7-Zip archive</source>
        <translation>une archive 7-Zip</translation>
    </message>
    <message>
        <source>a RAR archive</source>
        <translation>une archive RAR</translation>
    </message>
    <message>
        <source>an XZ archive</source>
        <translation>une archive XZ</translation>
    </message>
    <message>
        <source>a program (ELF)</source>
        <translation>un programme (ELF)</translation>
    </message>
    <message>
        <source>an old Microsoft Office document</source>
        <translation>un ancien document Microsoft Office</translation>
    </message>
    <message>
        <source>an SQLite database</source>
        <translation>une base de données SQLite</translation>
    </message>
    <message>
        <source>a TIFF image</source>
        <translation>une image TIFF</translation>
    </message>
    <message>
        <source>an icon image</source>
        <translation>une icône</translation>
    </message>
    <message>
        <source>an Ogg audio/video file</source>
        <translation>un fichier audio/vidéo Ogg</translation>
    </message>
    <message>
        <source>an MP3 audio file</source>
        <translation>un fichier audio MP3</translation>
    </message>
    <message>
        <source>a FLAC audio file</source>
        <translation>un fichier audio FLAC</translation>
    </message>
    <message>
        <source>a web font</source>
        <translation>une police web</translation>
    </message>
    <message>
        <source>a WebP image</source>
        <translation>une image WebP</translation>
    </message>
    <message>
        <source>a WAV audio file</source>
        <translation>un fichier audio WAV</translation>
    </message>
    <message>
        <source>an AVI video</source>
        <translation>une vidéo AVI</translation>
    </message>
    <message>
        <source>empty file</source>
        <translation>fichier vide</translation>
    </message>
    <message>
        <source>the file is nested too deeply to be read</source>
        <translation>le fichier est trop imbriqué pour être lu</translation>
    </message>
    <message>
        <source>the file is too large to be read in memory</source>
        <translation>le fichier est trop volumineux pour être lu en mémoire</translation>
    </message>
    <message>
        <source>the text could not be decoded ({error})</source>
        <translation>le texte n’a pas pu être décodé ({error})</translation>
    </message>
    <message>
        <source>the file could not be read ({error})</source>
        <translation>le fichier n’a pas pu être lu ({error})</translation>
    </message>
    <message>
        <source>unsupported file type: no importer reads it</source>
        <translation>type de fichier non pris en charge&#xa0;: aucun importateur ne le lit</translation>
    </message>
    <message>
        <source>unsupported file type ({extension}): no importer reads it</source>
        <translation>type de fichier non pris en charge ({extension})&#xa0;: aucun importateur ne le lit</translation>
    </message>
    <message>
        <source>no article text found in this file</source>
        <translation>aucun texte d’article trouvé dans ce fichier</translation>
    </message>
    <message>
        <source>no articles found in this file</source>
        <translation>aucun article trouvé dans ce fichier</translation>
    </message>
    <message>
        <source>the file was gzip-compressed: decompressed before reading</source>
        <translation>le fichier était compressé en gzip&#xa0;: décompressé avant lecture</translation>
    </message>
    <message>
        <source>date {date} not understood: ignored</source>
        <translation>date {date} non comprise&#xa0;: ignorée</translation>
    </message>
    <message>
        <source>impossible date {date} ignored</source>
        <translation>date impossible {date} ignorée</translation>
    </message>
    <message>
        <source>corrupt or truncated gzip file ({error})</source>
        <translation>fichier gzip corrompu ou tronqué ({error})</translation>
    </message>
    <message>
        <source>corrupt or truncated gzip file (the data ends too early)</source>
        <translation>fichier gzip corrompu ou tronqué (les données s’arrêtent trop tôt)</translation>
    </message>
    <message>
        <source>too large once decompressed (over {limit} MB)</source>
        <translation>trop volumineux une fois décompressé (plus de {limit}&#xa0;Mo)</translation>
    </message>
    <message>
        <source>mixed encodings: {n} of {total} lines were not all UTF-8; their other bytes were read as Windows-1252</source>
        <translation>encodages mélangés&#xa0;: {n} lignes sur {total} n’étaient pas entièrement en UTF-8&#x202f;; leurs autres octets ont été lus en Windows-1252</translation>
    </message>
    <message>
        <source>text encoding guessed as {encoding}</source>
        <translation>encodage du texte deviné&#xa0;: {encoding}</translation>
    </message>
    <message>
        <source>text encoding guessed as cp1250 (Central European)</source>
        <translation>encodage du texte deviné&#xa0;: cp1250 (Europe centrale)</translation>
    </message>
    <message>
        <source>text encoding uncertain: read as Windows-1252</source>
        <translation>encodage du texte incertain&#xa0;: lu en Windows-1252</translation>
    </message>
    <message>
        <source>control characters read as the Windows-1252 signs they stand for</source>
        <translation>caractères de contrôle lus comme les signes Windows-1252 qu’ils représentent</translation>
    </message>
    <message>
        <source>page declares {declared} but is UTF-8; read as UTF-8</source>
        <translation>la page déclare {declared} mais est en UTF-8&#x202f;; lue en UTF-8</translation>
    </message>
    <message>
        <source>page declares {declared} but is not; read as {encoding}</source>
        <translation>la page déclare {declared} mais ne l’est pas&#x202f;; lue en {encoding}</translation>
    </message>
    <message>
        <source>page is {source} but holds Windows-1252 bytes; those were read as Windows-1252</source>
        <translation>la page est en {source} mais contient des octets Windows-1252&#x202f;; ceux-ci ont été lus en Windows-1252</translation>
    </message>
    <message>
        <source>no encoding declared; detected {encoding}</source>
        <translation>aucun encodage déclaré&#x202f;; {encoding} détecté</translation>
    </message>
    <message>
        <source>feed has no entries</source>
        <translation>le flux n’a aucune entrée</translation>
    </message>
    <message>
        <source>not a news feed: XML without an RSS, Atom or RDF root element</source>
        <translation>pas un flux d’actualités&#xa0;: XML sans élément racine RSS, Atom ou RDF</translation>
    </message>
    <message>
        <source>not a readable feed: {problem}</source>
        <translation>flux illisible&#xa0;: {problem}</translation>
    </message>
    <message>
        <source>the feed&apos;s declared encoding is wrong ({problem})</source>
        <translation>l’encodage déclaré du flux est faux ({problem})</translation>
    </message>
    <message>
        <source>the feed is not well-formed ({problem}); imported what could be read</source>
        <translation>le flux est mal formé ({problem})&#x202f;; ce qui a pu être lu a été importé</translation>
    </message>
    <message>
        <source>the feed is not valid UTF-8 as it claims: read as {encoding}</source>
        <translation>le flux n’est pas en UTF-8 valide comme il l’affirme&#xa0;: lu en {encoding}</translation>
    </message>
    <message>
        <source>no entry could be read from this ill-formed feed ({problem})</source>
        <translation>aucune entrée n’a pu être lue dans ce flux mal formé ({problem})</translation>
    </message>
    <message>
        <source>feed entries hold no text, title or link</source>
        <translation>les entrées du flux n’ont ni texte, ni titre, ni lien</translation>
    </message>
    <message>
        <source>the entry has no text; its title stands in</source>
        <translation>l’entrée n’a pas de texte&#x202f;; son titre le remplace</translation>
    </message>
    <message>
        <source>unknown problem</source>
        <translation>problème inconnu</translation>
    </message>
    <message>
        <source>not a readable JSON Feed: {error}</source>
        <translation>JSON Feed illisible&#xa0;: {error}</translation>
    </message>
    <message>
        <source>not a JSON Feed: the top level is not an object</source>
        <translation>pas un JSON Feed&#xa0;: le niveau supérieur n’est pas un objet</translation>
    </message>
    <message>
        <source>the e-mail has no readable text</source>
        <translation>le courriel n’a pas de texte lisible</translation>
    </message>
    <message>
        <source>no message in this mailbox</source>
        <translation>aucun message dans cette boîte aux lettres</translation>
    </message>
    <message>
        <source>message {n}: no readable text, left out</source>
        <translation>message {n}&#xa0;: aucun texte lisible, laissé de côté</translation>
    </message>
    <message>
        <source>a few bytes do not fit the declared charset {charset}</source>
        <translation>quelques octets ne correspondent pas au jeu de caractères déclaré {charset}</translation>
    </message>
    <message>
        <source>declared charset {charset} does not fit the text</source>
        <translation>le jeu de caractères déclaré {charset} ne correspond pas au texte</translation>
    </message>
    <message>
        <source>front matter: unterminated quoted value for {key}</source>
        <translation>en-tête&#xa0;: valeur entre guillemets non terminée pour {key}</translation>
    </message>
    <message>
        <source>front matter: line not understood: {line_text}</source>
        <translation>en-tête&#xa0;: ligne non comprise&#xa0;: {line_text}</translation>
    </message>
    <message>
        <source>front matter: date {date} not understood: ignored</source>
        <translation>en-tête&#xa0;: date {date} non comprise&#xa0;: ignorée</translation>
    </message>
    <message>
        <source>front matter is not closed by &apos;---&apos;: ignored</source>
        <translation>l’en-tête n’est pas fermé par «&#x202f;---&#x202f;»&#xa0;: ignoré</translation>
    </message>
    <message>
        <source>the news item carries no article text (metadata only)</source>
        <translation>la dépêche ne contient pas de texte d’article (métadonnées seulement)</translation>
    </message>
    <message>
        <source>no text article in this news message: {reasons}</source>
        <translation>aucun article texte dans ce message d’agence&#xa0;: {reasons}</translation>
    </message>
    <message>
        <source>not a text article: {kind}</source>
        <translation>pas un article texte&#xa0;: {kind}</translation>
    </message>
    <message>
        <source>item {n} skipped: {reason}</source>
        <translation>élément {n} ignoré&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>not a NewsML-G2 or NITF document (root element {element})</source>
        <translation>pas un document NewsML-G2 ou NITF (élément racine {element})</translation>
    </message>
    <message>
        <source>package item (it only points to other items)</source>
        <translation>élément paquet (il renvoie seulement à d’autres éléments)</translation>
    </message>
    <message>
        <source>concept item</source>
        <translation>élément concept</translation>
    </message>
    <message>
        <source>knowledge item</source>
        <translation>élément de connaissance</translation>
    </message>
    <message>
        <source>planning item</source>
        <translation>élément de planification</translation>
    </message>
    <message>
        <source>catalog item</source>
        <translation>élément de catalogue</translation>
    </message>
    <message>
        <source>NewsML-G2 metadata fragment</source>
        <translation>fragment de métadonnées NewsML-G2</translation>
    </message>
    <message>
        <source>NewsML-G2 package fragment</source>
        <translation>fragment de paquet NewsML-G2</translation>
    </message>
    <message>
        <source>picture item</source>
        <translation>élément image</translation>
    </message>
    <message>
        <source>graphic item</source>
        <translation>élément graphique</translation>
    </message>
    <message>
        <source>video item</source>
        <translation>élément vidéo</translation>
    </message>
    <message>
        <source>audio item</source>
        <translation>élément audio</translation>
    </message>
    <message>
        <source>composite item</source>
        <translation>élément composite</translation>
    </message>
    <message>
        <source>interactive item</source>
        <translation>élément interactif</translation>
    </message>
    <message>
        <source>no &lt;REUTERS&gt; story in this SGML file</source>
        <translation>aucune dépêche &lt;REUTERS&gt; dans ce fichier SGML</translation>
    </message>
    <message>
        <source>no articles found: the JSON holds no objects with a title or text</source>
        <translation>aucun article trouvé&#xa0;: le JSON ne contient aucun objet avec un titre ou un texte</translation>
    </message>
    <message>
        <source>the JSON is cut short (truncated file?): {error}</source>
        <translation>le JSON s’interrompt (fichier tronqué&#x202f;?)&#xa0;: {error}</translation>
    </message>
    <message>
        <source>invalid JSON: {error}</source>
        <translation>JSON invalide&#xa0;: {error}</translation>
    </message>
    <message>
        <source>line {n}: invalid JSON ({error})</source>
        <translation>ligne {n}&#xa0;: JSON invalide ({error})</translation>
    </message>
    <message>
        <source>{error} at line {line}, column {column} (character {char})</source>
        <translation>{error} à la ligne {line}, colonne {column} (caractère {char})</translation>
    </message>
    <message>
        <source>{error} at line {line}, column {column}</source>
        <translation>{error} à la ligne {line}, colonne {column}</translation>
    </message>
    <message>
        <source>{error} at column {column}</source>
        <translation>{error} à la colonne {column}</translation>
    </message>
    <message>
        <source>the JSON is not valid UTF-8: read as {encoding}</source>
        <translation>le JSON n’est pas en UTF-8 valide&#xa0;: lu en {encoding}</translation>
    </message>
    <message>
        <source>no readable line in this JSON Lines file</source>
        <translation>aucune ligne lisible dans ce fichier JSON Lines</translation>
    </message>
    <message>
        <source>the page is empty</source>
        <translation>la page est vide</translation>
    </message>
    <message>
        <source>no readable article text in this page</source>
        <translation>aucun texte d’article lisible dans cette page</translation>
    </message>
    <message>
        <source>the page is nested too deeply; its layout was flattened to read it</source>
        <translation>la page est trop imbriquée&#x202f;; sa mise en page a été aplatie pour la lire</translation>
    </message>
    <message>
        <source>the page shows part of the article; its full text came from JSON-LD</source>
        <translation>la page montre une partie de l’article&#x202f;; son texte complet vient du JSON-LD</translation>
    </message>
    <message>
        <source>the web archive holds no HTML page</source>
        <translation>l’archive web ne contient aucune page HTML</translation>
    </message>
    <message>
        <source>not well-formed {what}: {error}</source>
        <translation>{what} mal formé&#xa0;: {error}</translation>
    </message>
    <message>
        <source>{what} is not well-formed ({error}); read what could be recovered</source>
        <translation>{what} mal formé ({error})&#x202f;; ce qui a pu être récupéré a été lu</translation>
    </message>
    <message>
        <source>refused: the file defines nested XML entities (entity-expansion attack)</source>
        <translation>refusé&#xa0;: le fichier définit des entités XML imbriquées (attaque par expansion d’entités)</translation>
    </message>
    <message>
        <source>refused: the file defines XML parameter entities (entity-expansion attack)</source>
        <translation>refusé&#xa0;: le fichier définit des entités paramètres XML (attaque par expansion d’entités)</translation>
    </message>
    <message>
        <source>refused: the file declares external XML entities (they could read local files or reach the network)</source>
        <translation>refusé&#xa0;: le fichier déclare des entités XML externes (elles pourraient lire des fichiers locaux ou accéder au réseau)</translation>
    </message>
    <message>
        <source>refused: the file&apos;s XML entities would expand it beyond a safe size</source>
        <translation>refusé&#xa0;: les entités XML du fichier le feraient grossir au-delà d’une taille sûre</translation>
    </message>
    <message>
        <source>refused: the file&apos;s DTD internal subset is never closed</source>
        <translation>refusé&#xa0;: le sous-ensemble interne de la DTD du fichier n’est jamais fermé</translation>
    </message>
    <message>
        <source>refused: the file&apos;s XML entity declarations cannot be read safely</source>
        <translation>refusé&#xa0;: les déclarations d’entités XML du fichier ne peuvent pas être lues sans risque</translation>
    </message>
    <message>
        <source>there is no library at {path}</source>
        <translation>il n’y a pas de bibliothèque dans {path}</translation>
    </message>
    <message>
        <source>{path} is a file, not a library folder</source>
        <translation>{path} est un fichier, pas un dossier de bibliothèque</translation>
    </message>
    <message>
        <source>cannot create the library folder {path}: {error}</source>
        <translation>impossible de créer le dossier de bibliothèque {path}&#xa0;: {error}</translation>
    </message>
    <message>
        <source>the library at {path} is read-only</source>
        <translation>la bibliothèque {path} est en lecture seule</translation>
    </message>
    <message>
        <source>the library at {path} is read-only: nothing can be imported</source>
        <translation>la bibliothèque {path} est en lecture seule&#xa0;: rien ne peut être importé</translation>
    </message>
    <message>
        <source>the library at {path} is read-only: {what} is not possible</source>
        <translation>la bibliothèque {path} est en lecture seule&#xa0;: {what} est impossible</translation>
    </message>
    <message>
        <source>the library at {path} was written by a newer version of Veille (store schema {schema}; this version reads up to {need})</source>
        <translation>la bibliothèque {path} a été écrite par une version plus récente de Veille (schéma {schema}&#x202f;; cette version lit jusqu’au schéma {need})</translation>
    </message>
    <message>
        <source>the library at {path} was written by an older version of Veille and must be upgraded, but it is read-only</source>
        <translation>la bibliothèque {path} a été écrite par une version plus ancienne de Veille et doit être mise à niveau, mais elle est en lecture seule</translation>
    </message>
    <message>
        <source>the library store {path} is damaged ({error}); run `reader-app check --repair` to recover what can be read</source>
        <translation>le stockage de la bibliothèque {path} est endommagé ({error})&#x202f;; lancez `reader-app check --repair` pour récupérer ce qui peut être lu</translation>
    </message>
    <message>
        <source>cannot open the library store {path}: {error}</source>
        <translation>impossible d’ouvrir le stockage de la bibliothèque {path}&#xa0;: {error}</translation>
    </message>
    <message>
        <source>the disk holding {path} is full</source>
        <translation>le disque qui contient {path} est plein</translation>
    </message>
    <message>
        <source>the disk holding {path} is full; nothing was written</source>
        <translation>le disque qui contient {path} est plein&#x202f;; rien n’a été écrit</translation>
    </message>
    <message>
        <source>the disk holding {path} is full; the import stopped</source>
        <translation>le disque qui contient {path} est plein&#x202f;; l’importation s’est arrêtée</translation>
    </message>
    <message>
        <source>the disk holding {path} is full; the search index could not be rebuilt</source>
        <translation>le disque qui contient {path} est plein&#x202f;; l’index de recherche n’a pas pu être reconstruit</translation>
    </message>
    <message>
        <source>the library is busy: {holder}</source>
        <translation>la bibliothèque est occupée&#xa0;: {holder}</translation>
    </message>
    <message>
        <source>Waiting for {holder} to finish…</source>
        <translation>En attente de la fin de {holder}…</translation>
    </message>
    <message>
        <source>another Veille process</source>
        <translation>un autre processus Veille</translation>
    </message>
    <message>
        <source>another task of this window</source>
        <translation>une autre tâche de cette fenêtre</translation>
    </message>
    <message>
        <source>{what} in another Veille process (pid {pid})</source>
        <translation>{what} dans un autre processus Veille (pid {pid})</translation>
    </message>
    <message>
        <source>Waiting for the search index rebuild in another Veille process to finish…</source>
        <translation>En attente de la fin de la reconstruction de l’index de recherche dans un autre processus Veille…</translation>
    </message>
    <message>
        <source>a write</source>
        <translation>une écriture</translation>
    </message>
    <message>
        <source>an import</source>
        <translation>une importation</translation>
    </message>
    <message>
        <source>upgrading the library</source>
        <translation>la mise à niveau de la bibliothèque</translation>
    </message>
    <message>
        <source>creating the search index</source>
        <translation>la création de l’index de recherche</translation>
    </message>
    <message>
        <source>changing a setting</source>
        <translation>la modification d’un réglage</translation>
    </message>
    <message>
        <source>entity extraction</source>
        <translation>l’extraction des entités</translation>
    </message>
    <message>
        <source>queueing entity extraction</source>
        <translation>la mise en file de l’extraction des entités</translation>
    </message>
    <message>
        <source>undoing an entity edit</source>
        <translation>l’annulation d’une modification d’entité</translation>
    </message>
    <message>
        <source>an entity edit</source>
        <translation>une modification d’entité</translation>
    </message>
    <message>
        <source>checking the search index</source>
        <translation>la vérification de l’index de recherche</translation>
    </message>
    <message>
        <source>emptying the trash</source>
        <translation>le vidage de la corbeille</translation>
    </message>
    <message>
        <source>indexing articles</source>
        <translation>l’indexation d’articles</translation>
    </message>
    <message>
        <source>swapping in the rebuilt search index</source>
        <translation>la mise en place de l’index de recherche reconstruit</translation>
    </message>
    <message>
        <source>counting watches</source>
        <translation>le comptage des alertes</translation>
    </message>
    <message>
        <source>deleting articles</source>
        <translation>la suppression d’articles</translation>
    </message>
    <message>
        <source>restoring deleted articles</source>
        <translation>le rétablissement d’articles supprimés</translation>
    </message>
    <message>
        <source>editing an article</source>
        <translation>la modification d’un article</translation>
    </message>
    <message>
        <source>marking articles</source>
        <translation>le marquage d’articles</translation>
    </message>
    <message>
        <source>starring articles</source>
        <translation>la mise en étoile d’articles</translation>
    </message>
    <message>
        <source>saving a note</source>
        <translation>l’enregistrement d’une note</translation>
    </message>
    <message>
        <source>tagging articles</source>
        <translation>l’étiquetage d’articles</translation>
    </message>
    <message>
        <source>renaming a tag</source>
        <translation>le renommage d’une étiquette</translation>
    </message>
    <message>
        <source>merging tags</source>
        <translation>la fusion d’étiquettes</translation>
    </message>
    <message>
        <source>deleting a tag</source>
        <translation>la suppression d’une étiquette</translation>
    </message>
    <message>
        <source>colouring a tag</source>
        <translation>la coloration d’une étiquette</translation>
    </message>
    <message>
        <source>highlighting</source>
        <translation>le surlignage</translation>
    </message>
    <message>
        <source>editing a highlight</source>
        <translation>la modification d’un surlignage</translation>
    </message>
    <message>
        <source>removing a highlight</source>
        <translation>la suppression d’un surlignage</translation>
    </message>
    <message>
        <source>filling a dossier</source>
        <translation>le remplissage d’un dossier</translation>
    </message>
    <message>
        <source>editing a dossier</source>
        <translation>la modification d’un dossier</translation>
    </message>
    <message>
        <source>reordering a dossier</source>
        <translation>le réordonnancement d’un dossier</translation>
    </message>
    <message>
        <source>renaming a dossier</source>
        <translation>le renommage d’un dossier</translation>
    </message>
    <message>
        <source>deleting a dossier</source>
        <translation>la suppression d’un dossier</translation>
    </message>
    <message>
        <source>saving a watch</source>
        <translation>l’enregistrement d’une alerte</translation>
    </message>
    <message>
        <source>saving watches</source>
        <translation>l’enregistrement d’alertes</translation>
    </message>
    <message>
        <source>removing a watch</source>
        <translation>la suppression d’une alerte</translation>
    </message>
    <message>
        <source>marking a watch as seen</source>
        <translation>le marquage d’une alerte comme vue</translation>
    </message>
    <message>
        <source>the search index is being rebuilt from the library; search again in a moment</source>
        <translation>l’index de recherche est en cours de reconstruction à partir de la bibliothèque&#x202f;; relancez la recherche dans un instant</translation>
    </message>
    <message>
        <source>the search index must be rebuilt ({problem}); the window does this by itself, or run `reader-app reindex`</source>
        <translation>l’index de recherche doit être reconstruit ({problem})&#x202f;; la fenêtre le fait d’elle-même, ou lancez `reader-app reindex`</translation>
    </message>
    <message>
        <source>the search index is damaged and will be rebuilt from the library; search again in a moment</source>
        <translation>l’index de recherche est endommagé et sera reconstruit à partir de la bibliothèque&#x202f;; relancez la recherche dans un instant</translation>
    </message>
    <message>
        <source>the search index is being rebuilt by another Veille process</source>
        <translation>l’index de recherche est en cours de reconstruction par un autre processus Veille</translation>
    </message>
    <message>
        <source>the search index is damaged ({error})</source>
        <translation>l’index de recherche est endommagé ({error})</translation>
    </message>
    <message>
        <source>the search index could not be written ({error})</source>
        <translation>l’index de recherche n’a pas pu être écrit ({error})</translation>
    </message>
    <message>
        <source>the search index is missing</source>
        <translation>l’index de recherche est absent</translation>
    </message>
    <message>
        <source>{path} is a file, not the search index folder</source>
        <translation>{path} est un fichier, pas le dossier de l’index de recherche</translation>
    </message>
    <message>
        <source>the search index in {path} cannot be read: {error}</source>
        <translation>l’index de recherche de {path} est illisible&#xa0;: {error}</translation>
    </message>
    <message>
        <source>the search index holds {n} articles, its manifest {count}: it was damaged</source>
        <translation>l’index de recherche contient {n} articles, son manifeste {count}&#xa0;: il a été endommagé</translation>
    </message>
    <message>
        <source>index schema {schema}, this version needs {need}</source>
        <translation>schéma d’index {schema}, cette version demande le {need}</translation>
    </message>
    <message>
        <source>the search index belongs to another library</source>
        <translation>l’index de recherche appartient à une autre bibliothèque</translation>
    </message>
    <message>
        <source>the search index has a commit that was never signed</source>
        <translation>l’index de recherche contient une validation jamais signée</translation>
    </message>
    <message>
        <source>the index was not written by this user&apos;s Veille</source>
        <translation>l’index n’a pas été écrit par le Veille de cet utilisateur</translation>
    </message>
    <message>
        <source>the index has no manifest (written by another program or version)</source>
        <translation>l’index n’a pas de manifeste (écrit par un autre programme ou une autre version)</translation>
    </message>
    <message>
        <source>the index manifest cannot be read: {error}</source>
        <translation>le manifeste de l’index est illisible&#xa0;: {error}</translation>
    </message>
    <message>
        <source>index file {name} changed since Veille wrote it</source>
        <translation>le fichier d’index {name} a changé depuis que Veille l’a écrit</translation>
    </message>
    <message>
        <source>index file {name} is missing</source>
        <translation>le fichier d’index {name} est absent</translation>
    </message>
    <message>
        <source>rebuild the search index: {reason}</source>
        <translation>reconstruire l’index de recherche&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>it is missing</source>
        <translation>il est absent</translation>
    </message>
    <message>
        <source>it was missing</source>
        <translation>il était absent</translation>
    </message>
    <message>
        <source>check the search index ({n} documents for {total} articles)</source>
        <translation>vérifier l’index de recherche ({n} documents pour {total} articles)</translation>
    </message>
    <message>
        <source>Query shortened: {cuts}.</source>
        <translation>Requête raccourcie&#xa0;: {cuts}.</translation>
    </message>
    <message>
        <source>only its first {n} characters are read</source>
        <translation>seuls ses {n} premiers caractères sont lus</translation>
    </message>
    <message>
        <source>parentheses nested deeper than {n} are ignored</source>
        <translation>les parenthèses imbriquées sur plus de {n} niveaux sont ignorées</translation>
    </message>
    <message>
        <source>words are cut after {n} characters</source>
        <translation>les mots sont coupés après {n} caractères</translation>
    </message>
    <message>
        <source>only the first {n} words are searched</source>
        <translation>seuls les {n} premiers mots sont recherchés</translation>
    </message>
    <message>
        <source>only the first {n} words with * ? or ~ are searched</source>
        <translation>seuls les {n} premiers mots avec * ? ou ~ sont recherchés</translation>
    </message>
    <message>
        <source>entity extraction was stopped; the articles still without entities are done next time</source>
        <translation>l’extraction des entités a été arrêtée&#x202f;; les articles encore sans entités seront traités la prochaine fois</translation>
    </message>
    <message>
        <source>the entity extraction process ended unexpectedly (it was killed or ran out of memory); the articles still without entities are done next time</source>
        <translation>le processus d’extraction des entités s’est arrêté de façon inattendue (tué, ou à court de mémoire)&#x202f;; les articles encore sans entités seront traités la prochaine fois</translation>
    </message>
    <message>
        <source>entity extraction stopped: the library was closed</source>
        <translation>extraction des entités arrêtée&#xa0;: la bibliothèque a été fermée</translation>
    </message>
    <message>
        <source>there is no article {n}</source>
        <translation>il n’y a pas d’article {n}</translation>
    </message>
    <message>
        <source>there is no tag {name}</source>
        <translation>il n’y a pas d’étiquette {name}</translation>
    </message>
    <message>
        <source>there is no dossier {name}</source>
        <translation>il n’y a pas de dossier {name}</translation>
    </message>
    <message>
        <source>there is no watch {name}</source>
        <translation>il n’y a pas d’alerte {name}</translation>
    </message>
    <message>
        <source>there is already a dossier {name}</source>
        <translation>il existe déjà un dossier {name}</translation>
    </message>
    <message>
        <source>there is already a watch {name}</source>
        <translation>il existe déjà une alerte {name}</translation>
    </message>
    <message>
        <source>a tag needs a name</source>
        <translation>une étiquette doit avoir un nom</translation>
    </message>
    <message>
        <source>a dossier needs a name</source>
        <translation>un dossier doit avoir un nom</translation>
    </message>
    <message>
        <source>a watch needs a name</source>
        <translation>une alerte doit avoir un nom</translation>
    </message>
    <message>
        <source>a tag name is limited to 200 characters</source>
        <translation>un nom d’étiquette est limité à 200 caractères</translation>
    </message>
    <message>
        <source>a dossier name is limited to 200 characters</source>
        <translation>un nom de dossier est limité à 200 caractères</translation>
    </message>
    <message>
        <source>a watch name is limited to 200 characters</source>
        <translation>un nom d’alerte est limité à 200 caractères</translation>
    </message>
    <message>
        <source>a watch needs a query or filters</source>
        <translation>une alerte doit avoir une requête ou des filtres</translation>
    </message>
    <message>
        <source>a highlight must cover a passage of the article&apos;s text</source>
        <translation>un surlignage doit couvrir un passage du texte de l’article</translation>
    </message>
    <message>
        <source>a note is plain text or markdown, not {value}</source>
        <translation>une note est en texte brut ou en markdown, pas {value}</translation>
    </message>
    <message>
        <source>an article needs a title</source>
        <translation>un article doit avoir un titre</translation>
    </message>
    <message>
        <source>{value} is not a date (use YYYY-MM-DD)</source>
        <translation>{value} n’est pas une date (utilisez AAAA-MM-JJ)</translation>
    </message>
    <message>
        <source>{value} is not a language code (fr, en, ...)</source>
        <translation>{value} n’est pas un code de langue (fr, en, ...)</translation>
    </message>
    <message>
        <source>{field} cannot be edited (only {fields})</source>
        <translation>{field} ne peut pas être modifié (seulement {fields})</translation>
    </message>
    <message>
        <source>cannot reach the team server {server}: {reason}</source>
        <translation>impossible de joindre le serveur d’équipe {server}&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>the team server {server} failed: {reason}</source>
        <translation>le serveur d’équipe {server} a échoué&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>the PostgreSQL driver (psycopg) is not installed</source>
        <translation>le pilote PostgreSQL (psycopg) n’est pas installé</translation>
    </message>
    <message>
        <source>type something to search the team archive for</source>
        <translation>tapez ce que vous cherchez dans l’archive d’équipe</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in this article</source>
        <translation>Rechercher dans cet article</translation>
    </message>
    <message>
        <source>Previous (Shift+Enter)</source>
        <translation>Précédente (Maj+Entrée)</translation>
    </message>
    <message>
        <source>Previous occurrence</source>
        <translation>Occurrence précédente</translation>
    </message>
    <message>
        <source>Next (Enter)</source>
        <translation>Suivante (Entrée)</translation>
    </message>
    <message>
        <source>Next occurrence</source>
        <translation>Occurrence suivante</translation>
    </message>
    <message>
        <source>Close (Escape)</source>
        <translation>Fermer (Échap)</translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation>Fermer la barre de recherche</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>Aucune occurrence</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} sur {1}</translation>
    </message>
</context>
<context>
    <name>HistorySection</name>
    <message>
        <source>Show or hide the article&apos;s history</source>
        <translation>Afficher ou masquer l’historique de l’article</translation>
    </message>
    <message>
        <source>History of the article</source>
        <translation>Historique de l’article</translation>
    </message>
    <message numerus="yes">
        <source>History (%n change(s))</source>
        <translation>
            <numerusform>Historique (%n modification)</numerusform>
            <numerusform>Historique (%n modifications)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Housekeeping</name>
    <message numerus="yes">
        <source>Deleted %n article(s).</source>
        <translation>
            <numerusform>%n article supprimé.</numerusform>
            <numerusform>%n articles supprimés.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restored %n article(s).</source>
        <translation>
            <numerusform>%n article rétabli.</numerusform>
            <numerusform>%n articles rétablis.</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved the new metadata of the article.</source>
        <translation>Nouvelles métadonnées de l’article enregistrées.</translation>
    </message>
</context>
<context>
    <name>ImportMixin</name>
    <message>
        <source>The import stopped: {0}</source>
        <translation>L’importation s’est arrêtée&#xa0;: {0}</translation>
    </message>
</context>
<context>
    <name>MainMenus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Édition</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <source>&amp;Import files…</source>
        <translation>&amp;Importer des fichiers…</translation>
    </message>
    <message>
        <source>Import news files into the library</source>
        <translation>Importer des fichiers d’actualités dans la bibliothèque</translation>
    </message>
    <message>
        <source>Import &amp;folder…</source>
        <translation>Importer un &amp;dossier…</translation>
    </message>
    <message>
        <source>Import every news file in a folder</source>
        <translation>Importer tous les fichiers d’actualités d’un dossier</translation>
    </message>
    <message>
        <source>Load &amp;sample articles</source>
        <translation>Charger les articles d’e&amp;xemple</translation>
    </message>
    <message>
        <source>Import the sample articles that come with Veille</source>
        <translation>Importer les articles d’exemple fournis avec Veille</translation>
    </message>
    <message>
        <source>Last import &amp;report…</source>
        <translation>&amp;Bilan de la dernière importation…</translation>
    </message>
    <message>
        <source>What happened to each file of the last import</source>
        <translation>Ce qu’il est advenu de chaque fichier lors de la dernière importation</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Close the window</source>
        <translation>Fermer la fenêtre</translation>
    </message>
    <message>
        <source>&amp;Find in article…</source>
        <translation>&amp;Rechercher dans l’article…</translation>
    </message>
    <message>
        <source>Find words in the open article, with their own bar</source>
        <translation>Rechercher des mots dans l’article ouvert, avec sa propre barre</translation>
    </message>
    <message>
        <source>Search the &amp;library</source>
        <translation>Rechercher dans la &amp;bibliothèque</translation>
    </message>
    <message>
        <source>Go to the search box of the library (also Ctrl+L)</source>
        <translation>Aller au champ de recherche de la bibliothèque (aussi Ctrl+L)</translation>
    </message>
    <message>
        <source>&amp;Next match</source>
        <translation>Occurrence &amp;suivante</translation>
    </message>
    <message>
        <source>Go to the next match of the search in the article</source>
        <translation>Aller à l’occurrence suivante de la recherche dans l’article</translation>
    </message>
    <message>
        <source>&amp;Previous match</source>
        <translation>Occurrence &amp;précédente</translation>
    </message>
    <message>
        <source>Go to the previous match of the search in the article</source>
        <translation>Aller à l’occurrence précédente de la recherche dans l’article</translation>
    </message>
    <message>
        <source>&amp;Undo entity edit</source>
        <translation>&amp;Annuler la modification d’entité</translation>
    </message>
    <message>
        <source>Undo the last rename, type change, merge or hide of an entity</source>
        <translation>Annuler le dernier renommage, changement de type, fusion ou masquage d’une entité</translation>
    </message>
    <message>
        <source>Entities of this &amp;article</source>
        <translation>Entités de cet &amp;article</translation>
    </message>
    <message>
        <source>The sidebar lists the entities of the open article</source>
        <translation>Le panneau liste les entités de l’article ouvert</translation>
    </message>
    <message>
        <source>Entities of all &amp;results</source>
        <translation>Entités de tous les &amp;résultats</translation>
    </message>
    <message>
        <source>The sidebar lists the entities of every result</source>
        <translation>Le panneau liste les entités de tous les résultats</translation>
    </message>
    <message>
        <source>&amp;Related articles</source>
        <translation>Articles &amp;liés</translation>
    </message>
    <message>
        <source>Show or hide the articles related to the open one</source>
        <translation>Afficher ou masquer les articles liés à l’article ouvert</translation>
    </message>
    <message>
        <source>&amp;Clear filters</source>
        <translation>&amp;Effacer les filtres</translation>
    </message>
    <message>
        <source>Remove the date, source, language and entity filters</source>
        <translation>Retirer les filtres de date, de source, de langue et d’entité</translation>
    </message>
    <message>
        <source>&amp;Entities…</source>
        <translation>E&amp;ntités…</translation>
    </message>
    <message>
        <source>Browse, search and correct every entity of the library</source>
        <translation>Parcourir, rechercher et corriger toutes les entités de la bibliothèque</translation>
    </message>
    <message>
        <source>&amp;Larger text</source>
        <translation>Texte plus &amp;grand</translation>
    </message>
    <message>
        <source>&amp;Smaller text</source>
        <translation>Texte plus &amp;petit</translation>
    </message>
    <message>
        <source>Find e&amp;ntities now</source>
        <translation>Trouver les entités &amp;maintenant</translation>
    </message>
    <message>
        <source>Find people, organisations and places in articles that have not been read yet</source>
        <translation>Trouver les personnes, organisations et lieux des articles pas encore analysés</translation>
    </message>
    <message>
        <source>&amp;Search syntax</source>
        <translation>&amp;Syntaxe de recherche</translation>
    </message>
    <message>
        <source>How to write a search: phrases, dates, sources, entities</source>
        <translation>Comment écrire une recherche&#xa0;: expressions, dates, sources, entités</translation>
    </message>
    <message>
        <source>&amp;About Veille</source>
        <translation>À &amp;propos de Veille</translation>
    </message>
    <message>
        <source>Version, library folder and licences</source>
        <translation>Version, dossier de la bibliothèque et licences</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Veille — %Ln article(s)</source>
        <translation>
            <numerusform>Veille — %Ln article</numerusform>
            <numerusform>Veille — %Ln articles</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not count the entities of these results ({0}).</source>
        <translation>Impossible de compter les entités de ces résultats ({0}).</translation>
    </message>
    <message>
        <source>{0}: mention {1} of {2}</source>
        <translation>{0}&#xa0;: mention {1} sur {2}</translation>
    </message>
</context>
<context>
    <name>NoteEditor</name>
    <message>
        <source>Write a note on this article…</source>
        <translation>Écrire une note sur cet article…</translation>
    </message>
    <message>
        <source>Note on this article</source>
        <translation>Note sur cet article</translation>
    </message>
    <message>
        <source>Note, as formatted (Enter to edit)</source>
        <translation>Note mise en forme (Entrée pour la modifier)</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <source>Write the note in Markdown; it shows formatted when you are not editing it</source>
        <translation>Écrire la note en Markdown&#x202f;; elle s’affiche mise en forme quand vous ne la modifiez pas</translation>
    </message>
    <message>
        <source>Note in Markdown</source>
        <translation>Note en Markdown</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <source>Edit the note</source>
        <translation>Modifier la note</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>PreferencesAction</name>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <source>Language, theme, text size, library and import settings</source>
        <translation>Langue, thème, taille du texte, bibliothèque et réglages d’importation</translation>
    </message>
    <message>
        <source>Could not open {0}.</source>
        <translation>Impossible d’ouvrir {0}.</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Apparence</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue&#xa0;:</translation>
    </message>
    <message>
        <source>New dialogs, messages, dates and numbers use it at once; the window&apos;s menus and labels change when Veille next starts.</source>
        <translation>Les nouvelles fenêtres de dialogue, les messages, les dates et les nombres l’utilisent tout de suite&#x202f;; les menus et libellés de la fenêtre changent au prochain démarrage de Veille.</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Thème&#xa0;:</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>Text &amp;size (larger +, smaller −):</source>
        <translation>&amp;Taille du texte (plus grand +, plus petit −)&#xa0;:</translation>
    </message>
    <message>
        <source>The theme and the text size (list, sidebars and article) apply at once.</source>
        <translation>Le thème et la taille du texte (liste, panneaux latéraux et article) s’appliquent tout de suite.</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Langue de l’interface</translation>
    </message>
    <message>
        <source>Colour theme</source>
        <translation>Thème de couleurs</translation>
    </message>
    <message>
        <source>Text size, in points added</source>
        <translation>Taille du texte, en points ajoutés</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothèque</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Dossier&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <source>&amp;Recent libraries:</source>
        <translation>Bibliothèques &amp;récentes&#xa0;:</translation>
    </message>
    <message>
        <source>Open &amp;another library…</source>
        <translation>Ouvrir une &amp;autre bibliothèque…</translation>
    </message>
    <message>
        <source>&amp;Keep a copy of each imported file</source>
        <translation>&amp;Garder une copie de chaque fichier importé</translation>
    </message>
    <message>
        <source>Another library opens in a window of its own. Keeping copies is a setting of this library and applies from the next import (without them, &quot;Open original&quot; is not available for new articles).</source>
        <translation>Une autre bibliothèque s’ouvre dans sa propre fenêtre. Garder les copies est un réglage de cette bibliothèque, appliqué dès la prochaine importation (sans elles, « Ouvrir l’original » n’est pas disponible pour les nouveaux articles).</translation>
    </message>
    <message>
        <source>Library folder</source>
        <translation>Dossier de la bibliothèque</translation>
    </message>
    <message>
        <source>Recent libraries</source>
        <translation>Bibliothèques récentes</translation>
    </message>
    <message>
        <source>Open the recent library</source>
        <translation>Ouvrir la bibliothèque récente</translation>
    </message>
    <message>
        <source>Open another library</source>
        <translation>Ouvrir une autre bibliothèque</translation>
    </message>
    <message>
        <source>Keep a copy of each imported file</source>
        <translation>Garder une copie de chaque fichier importé</translation>
    </message>
    <message>
        <source>Reading and importing</source>
        <translation>Lecture et importation</translation>
    </message>
    <message>
        <source>&amp;Mark an article as read after</source>
        <translation>&amp;Marquer un article comme lu après</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Find &amp;entities (people, places…) after each import</source>
        <translation>Trouver les &amp;entités (personnes, lieux…) après chaque importation</translation>
    </message>
    <message>
        <source>Both apply at once. With entities off, View &gt; Find entities now still finds them when you ask.</source>
        <translation>Les deux s’appliquent tout de suite. Sans entités à l’import, Affichage &gt; Trouver les entités maintenant les trouve quand vous le demandez.</translation>
    </message>
    <message>
        <source>Mark articles as read when opened</source>
        <translation>Marquer les articles comme lus à l’ouverture</translation>
    </message>
    <message>
        <source>Seconds before an opened article counts as read</source>
        <translation>Secondes avant qu’un article ouvert compte comme lu</translation>
    </message>
    <message>
        <source>Find entities after each import</source>
        <translation>Trouver les entités après chaque importation</translation>
    </message>
    <message>
        <source>The setting was not saved: {0}</source>
        <translation>Le réglage n’a pas été enregistré&#xa0;: {0}</translation>
    </message>
</context>
<context>
    <name>StateController</name>
    <message numerus="yes">
        <source>Marked %n article(s) as read.</source>
        <translation>
            <numerusform>%n article marqué comme lu.</numerusform>
            <numerusform>%n articles marqués comme lus.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Marked %n article(s) as unread.</source>
        <translation>
            <numerusform>%n article marqué comme non lu.</numerusform>
            <numerusform>%n articles marqués comme non lus.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Marking %n article(s)…</source>
        <translation>
            <numerusform>Marquage de %n article…</numerusform>
            <numerusform>Marquage de %n articles…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Starred %n article(s).</source>
        <translation>
            <numerusform>Étoile mise à %n article.</numerusform>
            <numerusform>Étoile mise à %n articles.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unstarred %n article(s).</source>
        <translation>
            <numerusform>Étoile retirée de %n article.</numerusform>
            <numerusform>Étoile retirée de %n articles.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Tagged %n article(s) with %1.</source>
        <translation>
            <numerusform>Étiquette %1 ajoutée à %n article.</numerusform>
            <numerusform>Étiquette %1 ajoutée à %n articles.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Tagging %n article(s)…</source>
        <translation>
            <numerusform>Étiquetage de %n article…</numerusform>
            <numerusform>Étiquetage de %n articles…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed the tag %1 from %n article(s).</source>
        <translation>
            <numerusform>Étiquette %1 retirée de %n article.</numerusform>
            <numerusform>Étiquette %1 retirée de %n articles.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %n article(s) to the dossier %1.</source>
        <translation>
            <numerusform>%n article ajouté au dossier %1.</numerusform>
            <numerusform>%n articles ajoutés au dossier %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeamSection</name>
    <message>
        <source>Team server</source>
        <translation>Serveur d’équipe</translation>
    </message>
    <message>
        <source>Server a&amp;ddress:</source>
        <translation>A&amp;dresse du serveur&#xa0;:</translation>
    </message>
    <message>
        <source>Your &amp;name on the team:</source>
        <translation>Votre &amp;nom dans l’équipe&#xa0;:</translation>
    </message>
    <message>
        <source>Team server address</source>
        <translation>Adresse du serveur d’équipe</translation>
    </message>
    <message>
        <source>Your name on the team</source>
        <translation>Votre nom dans l’équipe</translation>
    </message>
    <message>
        <source>File &gt; Sync with team server sends your articles and work and brings back everyone else&apos;s. A password typed in the address is kept in the system keyring (or a private file), never in the preferences. Your changes carry your name.</source>
        <translation>Fichier &gt; Synchroniser avec le serveur d’équipe envoie vos articles et votre travail et rapporte ceux des autres. Un mot de passe tapé dans l’adresse est gardé dans le trousseau du système (ou dans un fichier privé), jamais dans les préférences. Vos modifications portent votre nom.</translation>
    </message>
    <message>
        <source>With no address here, {0} is used ({1}).</source>
        <translation>Sans adresse ici, {0} est utilisée ({1}).</translation>
    </message>
    <message>
        <source>Not saved: the address starts with postgresql:// (postgresql://user@host/database).</source>
        <translation>Non enregistrée&#xa0;: l’adresse commence par postgresql:// (postgresql://utilisateur@hôte/base).</translation>
    </message>
    <message>
        <source>The password could not be kept: {0}</source>
        <translation>Le mot de passe n’a pas pu être gardé&#xa0;: {0}</translation>
    </message>
</context>
<context>
    <name>TimelineChart</name>
    <message>
        <source>Timeline of the results</source>
        <translation>Chronologie des résultats</translation>
    </message>
    <message>
        <source>All dates</source>
        <translation>Toutes les dates</translation>
    </message>
    <message>
        <source>Stop filtering the results by date</source>
        <translation>Ne plus filtrer les résultats par date</translation>
    </message>
    <message>
        <source>Show all dates again</source>
        <translation>Afficher de nouveau toutes les dates</translation>
    </message>
    <message>
        <source>day</source>
        <translation>jour</translation>
    </message>
    <message>
        <source>week</source>
        <translation>semaine</translation>
    </message>
    <message>
        <source>year</source>
        <translation>année</translation>
    </message>
    <message>
        <source>month</source>
        <translation>mois</translation>
    </message>
    <message>
        <source>Results per %1 (most: %2)</source>
        <translation>Résultats par %1 (maximum&#xa0;: %2)</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>du %1 au %2</translation>
    </message>
    <message numerus="yes">
        <source>%n without a precise date</source>
        <translation>
            <numerusform>%n sans date précise</numerusform>
            <numerusform>%n sans date précise</numerusform>
        </translation>
    </message>
    <message>
        <source>No dated results</source>
        <translation>Aucun résultat daté</translation>
    </message>
    <message>
        <source>%1 dated results from %2 to %3; most in %4 (%5)</source>
        <translation>%1 résultats datés du %2 au %3&#x202f;; le plus en %4 (%5)</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n result(s)</source>
        <translation>
            <numerusform>%1&#xa0;: %n résultat</numerusform>
            <numerusform>%1&#xa0;: %n résultats</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UndoNotice</name>
    <message>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Undo the delete</source>
        <translation>Annuler la suppression</translation>
    </message>
</context>
</TS>
