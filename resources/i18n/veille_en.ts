<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name></name>
    <message numerus="yes">
        <source>%n article(s) already in the library were not added again</source>
        <translation>
            <numerusform>%n article already in the library was not added again</numerusform>
            <numerusform>%n articles already in the library were not added again</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n result(s) left out: the search index is ahead of the library (run `reader-app check --repair`, or import, to mend it)</source>
        <translation>
            <numerusform>%n result left out: the search index is ahead of the library (run `reader-app check --repair`, or import, to mend it)</numerusform>
            <numerusform>%n results left out: the search index is ahead of the library (run `reader-app check --repair`, or import, to mend it)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) without article text were left out</source>
        <translation>
            <numerusform>%n record without article text was left out</numerusform>
            <numerusform>%n records without article text were left out</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>indexed %n article(s) left by an interrupted import or edit</source>
        <translation>
            <numerusform>indexed %n article left by an interrupted import or edit</numerusform>
            <numerusform>indexed %n articles left by an interrupted import or edit</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>index %n article(s) left by an interrupted import or edit</source>
        <translation>
            <numerusform>index %n article left by an interrupted import or edit</numerusform>
            <numerusform>index %n articles left by an interrupted import or edit</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>queued %n article(s) missing from the search index</source>
        <translation>
            <numerusform>queued %n article missing from the search index</numerusform>
            <numerusform>queued %n articles missing from the search index</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>rebuilt the search index (%n articles): it disagreed with the library</source>
        <translation>
            <numerusform>rebuilt the search index (%n article): it disagreed with the library</numerusform>
            <numerusform>rebuilt the search index (%n articles): it disagreed with the library</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>rebuilt the search index from the library (%n articles): {reason}</source>
        <translation>
            <numerusform>rebuilt the search index from the library (%n article): {reason}</numerusform>
            <numerusform>rebuilt the search index from the library (%n articles): {reason}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>removed %n search entries of articles no longer in the library</source>
        <translation>
            <numerusform>removed %n search entry of articles no longer in the library</numerusform>
            <numerusform>removed %n search entries of articles no longer in the library</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>none of the %n messages has readable text</source>
        <translation>
            <numerusform>none of the %n message has readable text</numerusform>
            <numerusform>none of the %n messages has readable text</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>none of the %n stories has a body (briefs only)</source>
        <translation>
            <numerusform>none of the %n story has a body (briefs only)</numerusform>
            <numerusform>none of the %n stories has a body (briefs only)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>repaired %n garbled accented characters (mojibake)</source>
        <translation>
            <numerusform>repaired %n garbled accented character (mojibake)</numerusform>
            <numerusform>repaired %n garbled accented characters (mojibake)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n undecodable characters replaced ({encoding})</source>
        <translation>
            <numerusform>%n undecodable character replaced ({encoding})</numerusform>
            <numerusform>%n undecodable characters replaced ({encoding})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>removed %n NUL characters</source>
        <translation>
            <numerusform>removed %n NUL character</numerusform>
            <numerusform>removed %n NUL characters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n article(s) to %1.</source>
        <translation>
            <numerusform>Exported %n article to %1.</numerusform>
            <numerusform>Exported %n articles to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Print %n article(s)</source>
        <translation>
            <numerusform>Print %n article</numerusform>
            <numerusform>Print %n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Printing %n article(s)…</source>
        <translation>
            <numerusform>Printing %n article…</numerusform>
            <numerusform>Printing %n articles…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent %n article(s) to the printer.</source>
        <translation>
            <numerusform>Sent %n article to the printer.</numerusform>
            <numerusform>Sent %n articles to the printer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new for {name}</source>
        <translation>
            <numerusform>%n new for {name}</numerusform>
            <numerusform>%n new for {name}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more watch(es) with new articles</source>
        <translation>
            <numerusform>%n more watch with new articles</numerusform>
            <numerusform>%n more watches with new articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) tagged “{0}”.</source>
        <translation>
            <numerusform>%n article tagged “{0}”.</numerusform>
            <numerusform>%n articles tagged “{0}”.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) added to “{0}”.</source>
        <translation>
            <numerusform>%n article added to “{0}”.</numerusform>
            <numerusform>%n articles added to “{0}”.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) removed from “{0}”.</source>
        <translation>
            <numerusform>%n article removed from “{0}”.</numerusform>
            <numerusform>%n articles removed from “{0}”.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n watch(es) added from {0}</source>
        <translation>
            <numerusform>%n watch added from {0}</numerusform>
            <numerusform>%n watches added from {0}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%n name(s) were already watched)</source>
        <translation>
            <numerusform> (%n name was already watched)</numerusform>
            <numerusform> (%n names were already watched)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Results from %1 to %2 (%n day(s)).</source>
        <translation>
            <numerusform>Results from %1 to %2 (%n day).</numerusform>
            <numerusform>Results from %1 to %2 (%n days).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>These results (%n article(s))</source>
        <translation>
            <numerusform>These results (%n article)</numerusform>
            <numerusform>These results (%n articles)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The selected articles (%n)</source>
        <translation>
            <numerusform>The selected articles (%n)</numerusform>
            <numerusform>The selected articles (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n article(s)…</source>
        <translation>
            <numerusform>Exporting %n article…</numerusform>
            <numerusform>Exporting %n articles…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln imported</source>
        <comment>files</comment>
        <translation>
            <numerusform>%Ln imported</numerusform>
            <numerusform>%Ln imported</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln already in library</source>
        <comment>files</comment>
        <translation>
            <numerusform>%Ln already in library</numerusform>
            <numerusform>%Ln already in library</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln skipped</source>
        <comment>files</comment>
        <translation>
            <numerusform>%Ln skipped</numerusform>
            <numerusform>%Ln skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln failed</source>
        <comment>files</comment>
        <translation>
            <numerusform>%Ln failed</numerusform>
            <numerusform>%Ln failed</numerusform>
        </translation>
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
            <numerusform>%Ln change</numerusform>
            <numerusform>%Ln changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %Ln note(s) edited on two desktops kept both ways</source>
        <translation>
            <numerusform>; %Ln note edited on two desktops kept both ways</numerusform>
            <numerusform>; %Ln notes edited on two desktops kept both ways</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) tagged “{0}”. Drag onto another tag to merge them.</source>
        <translation>
            <numerusform>%n article tagged “{0}”. Drag onto another tag to merge them.</numerusform>
            <numerusform>%n articles tagged “{0}”. Drag onto another tag to merge them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s), in the dossier&apos;s own order. Drop articles here to add them.</source>
        <translation>
            <numerusform>%n article, in the dossier&apos;s own order. Drop articles here to add them.</numerusform>
            <numerusform>%n articles, in the dossier&apos;s own order. Drop articles here to add them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new article(s) since last marked as seen</source>
        <translation>
            <numerusform>%n new article since last marked as seen</numerusform>
            <numerusform>%n new articles since last marked as seen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“{0}”: %n new</source>
        <translation>
            <numerusform>“{0}”: %n new</numerusform>
            <numerusform>“{0}”: %n new</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in all</source>
        <translation>
            <numerusform>%n in all</numerusform>
            <numerusform>%n in all</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“{0}”: %n article(s)</source>
        <translation>
            <numerusform>“{0}”: %n article</numerusform>
            <numerusform>“{0}”: %n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{0}&lt;/b&gt;: %n mention(s)</source>
        <translation>
            <numerusform>&lt;b&gt;{0}&lt;/b&gt;: %n mention</numerusform>
            <numerusform>&lt;b&gt;{0}&lt;/b&gt;: %n mentions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Entities: %Ln article(s) queued</source>
        <translation>
            <numerusform>Entities: %Ln article queued</numerusform>
            <numerusform>Entities: %Ln articles queued</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Finding entities: {0} of %Ln article(s)</source>
        <translation>
            <numerusform>Finding entities: {0} of %Ln article</numerusform>
            <numerusform>Finding entities: {0} of %Ln articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Entities found in %Ln article(s)</source>
        <translation>
            <numerusform>Entities found in %Ln article</numerusform>
            <numerusform>Entities found in %Ln articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Updating the search index: {0} of %Ln article(s)…</source>
        <translation>
            <numerusform>Updating the search index: {0} of %Ln article…</numerusform>
            <numerusform>Updating the search index: {0} of %Ln articles…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0}: %n article(s)</source>
        <translation>
            <numerusform>{0}: %n article</numerusform>
            <numerusform>{0}: %n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0}: %n mention(s)</source>
        <translation>
            <numerusform>{0}: %n mention</numerusform>
            <numerusform>{0}: %n mentions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} — {1}, %n article(s)</source>
        <translation>
            <numerusform>{0} — {1}, %n article</numerusform>
            <numerusform>{0} — {1}, %n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entity(ies)</source>
        <translation>
            <numerusform>%n entity</numerusform>
            <numerusform>%n entities</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{0}&lt;/b&gt; — {1}: %n article(s)</source>
        <translation>
            <numerusform>&lt;b&gt;{0}&lt;/b&gt; — {1}: %n article</numerusform>
            <numerusform>&lt;b&gt;{0}&lt;/b&gt; — {1}: %n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mention(s)</source>
        <translation>
            <numerusform>%n mention</numerusform>
            <numerusform>%n mentions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n undated</source>
        <translation>
            <numerusform>%n undated</numerusform>
            <numerusform>%n undated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Importing %n item(s)…</source>
        <translation>
            <numerusform>Importing %n item…</numerusform>
            <numerusform>Importing %n items…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add %n article(s) to:</source>
        <translation>
            <numerusform>Add %n article to:</numerusform>
            <numerusform>Add %n articles to:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete the dossier “{0}”? Its %n article(s) stay in the library; their order in the dossier is lost.</source>
        <translation>
            <numerusform>Delete the dossier “{0}”? Its %n article stays in the library; their order in the dossier is lost.</numerusform>
            <numerusform>Delete the dossier “{0}”? Its %n articles stay in the library; their order in the dossier is lost.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add tags to %n article(s):</source>
        <translation>
            <numerusform>Add tags to %n article:</numerusform>
            <numerusform>Add tags to %n articles:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merge the tag “{0}” into “{1}”? Its %n article(s) get “{1}”.</source>
        <translation>
            <numerusform>Merge the tag “{0}” into “{1}”? Its %n article gets “{1}”.</numerusform>
            <numerusform>Merge the tag “{0}” into “{1}”? Its %n articles get “{1}”.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete the tag “{0}”? It is taken off %n article(s); the articles stay in the library.</source>
        <translation>
            <numerusform>Delete the tag “{0}”? It is taken off %n article; the articles stay in the library.</numerusform>
            <numerusform>Delete the tag “{0}”? It is taken off %n articles; the articles stay in the library.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n version(s)</source>
        <translation>
            <numerusform>%n version</numerusform>
            <numerusform>%n versions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n outlet(s)</source>
        <translation>
            <numerusform>%n outlet</numerusform>
            <numerusform>%n outlets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln story(ies)</source>
        <translation>
            <numerusform>%Ln story</numerusform>
            <numerusform>%Ln stories</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n version(s) of this story</source>
        <translation>
            <numerusform>%n version of this story</numerusform>
            <numerusform>%n versions of this story</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sentence(s)</source>
        <translation>
            <numerusform>%n sentence</numerusform>
            <numerusform>%n sentences</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} — {1}, %n article(s) together</source>
        <translation>
            <numerusform>{0} — {1}, %n article together</numerusform>
            <numerusform>{0} — {1}, %n articles together</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>In the team archive: %Ln article(s) not in your library</source>
        <translation>
            <numerusform>In the team archive: %Ln article not in your library</numerusform>
            <numerusform>In the team archive: %Ln articles not in your library</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%Ln match(es) in all)</source>
        <translation>
            <numerusform>(%Ln match in all)</numerusform>
            <numerusform>(%Ln matches in all)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>In the team archive: %Ln match(es), all already in your library</source>
        <translation>
            <numerusform>In the team archive: %Ln match, already in your library</numerusform>
            <numerusform>In the team archive: %Ln matches, all already in your library</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ArticleFiles</name>
    <message numerus="yes">
        <source>Export %n article(s)</source>
        <translation>
            <numerusform>Export %n article</numerusform>
            <numerusform>Export %n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exporting: %1 of %n article(s)…</source>
        <translation>
            <numerusform>Exporting: %1 of %n article…</numerusform>
            <numerusform>Exporting: %1 of %n articles…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n article(s) to %1.</source>
        <translation>
            <numerusform>Exported %n article to %1.</numerusform>
            <numerusform>Exported %n articles to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n article(s)…</source>
        <translation>
            <numerusform>Exporting %n article…</numerusform>
            <numerusform>Exporting %n articles…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ArticlePane</name>
    <message numerus="yes">
        <source>%n highlight(s)</source>
        <translation>
            <numerusform>%n highlight</numerusform>
            <numerusform>%n highlights</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln match(es) — F3 to step</source>
        <translation>
            <numerusform>%Ln match — F3 to step</numerusform>
            <numerusform>%Ln matches — F3 to step</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistorySection</name>
    <message numerus="yes">
        <source>History (%n change(s))</source>
        <translation>
            <numerusform>History (%n change)</numerusform>
            <numerusform>History (%n changes)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Housekeeping</name>
    <message numerus="yes">
        <source>Deleted %n article(s).</source>
        <translation>
            <numerusform>Deleted %n article.</numerusform>
            <numerusform>Deleted %n articles.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restored %n article(s).</source>
        <translation>
            <numerusform>Restored %n article.</numerusform>
            <numerusform>Restored %n articles.</numerusform>
        </translation>
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
</context>
<context>
    <name>StateController</name>
    <message numerus="yes">
        <source>Marked %n article(s) as read.</source>
        <translation>
            <numerusform>Marked %n article as read.</numerusform>
            <numerusform>Marked %n articles as read.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Marked %n article(s) as unread.</source>
        <translation>
            <numerusform>Marked %n article as unread.</numerusform>
            <numerusform>Marked %n articles as unread.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Marking %n article(s)…</source>
        <translation>
            <numerusform>Marking %n article…</numerusform>
            <numerusform>Marking %n articles…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Starred %n article(s).</source>
        <translation>
            <numerusform>Starred %n article.</numerusform>
            <numerusform>Starred %n articles.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unstarred %n article(s).</source>
        <translation>
            <numerusform>Unstarred %n article.</numerusform>
            <numerusform>Unstarred %n articles.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Tagged %n article(s) with %1.</source>
        <translation>
            <numerusform>Tagged %n article with %1.</numerusform>
            <numerusform>Tagged %n articles with %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Tagging %n article(s)…</source>
        <translation>
            <numerusform>Tagging %n article…</numerusform>
            <numerusform>Tagging %n articles…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed the tag %1 from %n article(s).</source>
        <translation>
            <numerusform>Removed the tag %1 from %n article.</numerusform>
            <numerusform>Removed the tag %1 from %n articles.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %n article(s) to the dossier %1.</source>
        <translation>
            <numerusform>Added %n article to the dossier %1.</numerusform>
            <numerusform>Added %n articles to the dossier %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimelineChart</name>
    <message numerus="yes">
        <source>%n without a precise date</source>
        <translation>
            <numerusform>%n without a precise date</numerusform>
            <numerusform>%n without a precise date</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n result(s)</source>
        <translation>
            <numerusform>%1: %n result</numerusform>
            <numerusform>%1: %n results</numerusform>
        </translation>
    </message>
</context>
</TS>
