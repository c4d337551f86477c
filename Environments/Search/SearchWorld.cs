using AgentRL.Environments.Generation;

namespace AgentRL.Environments.Search;

/// <summary>
/// The knowledge base and every task's question for one set of content options, built once per process and shared
/// (read-only) by all environment instances. The cache is never trimmed: a process uses few content settings.
/// </summary>
internal sealed class SearchWorld
{
    private static readonly ContentCache<SearchOptions, SearchWorld> Cache = new(key => new SearchWorld(key));

    private SearchWorld(SearchOptions options)
    {
        KnowledgeBase = SearchKnowledgeBase.Generate(options);
        var byKind = Enum.GetValues<EntityKind>()
            .Select(kind => (IReadOnlyList<int>)KnowledgeBase.Entities.Where(e => e.Kind == kind).Select(e => e.Id).ToArray())
            .ToArray();
        var taskCount = options.TrainTaskCount + options.ValidationTaskCount + options.TestTaskCount;
        Questions = Enumerable.Range(0, taskCount).Select(t => QuestionGenerator.Create(KnowledgeBase, byKind, options.ContentSeed, t)).ToArray();
    }

    public SearchKnowledgeBase KnowledgeBase { get; }

    /// <summary>The question of each task id.</summary>
    public IReadOnlyList<SearchQuestion> Questions { get; }

    public static SearchWorld For(SearchOptions options) =>
        Cache.Get(options.ContentKey);
}
