using AgentRL.Environments.Search;
using AgentRL.Environments.Tests.Contract;

namespace AgentRL.Environments.Tests.Search;

public sealed class SearchContractTests : EnvironmentContractTests
{
    private static readonly string[] RandomWords = ["born", "founded", "city", "country", "film", "novel", "company", "who", "the", "headquartered", "published"];

    protected override IEnvironment Create() => new SearchEnvironment();

    protected override string ExpectedFingerprint => "D1281D6AF9546BBA";

    /// <summary>
    /// Free-text actions have no list to sample, so mix searches for entity names and random words, the expert's
    /// action, occasional (mostly wrong) answers and some invalid actions.
    /// </summary>
    protected override string RandomAction(IEnvironment environment, Random random)
    {
        var knowledge = ((SearchEnvironment)environment).KnowledgeBase;
        var entity = knowledge.Entities[random.Next(knowledge.Entities.Count)];
        return random.Next(12) switch
        {
            0 => "not an action",
            1 => "search[]",
            2 or 3 => environment.ExpertAction() ?? "noop",
            4 => $"answer[{entity.Name}]",
            5 => $"search[{RandomWords[random.Next(RandomWords.Length)]} {RandomWords[random.Next(RandomWords.Length)]}]",
            _ => $"search[{entity.Name} {RandomWords[random.Next(RandomWords.Length)]}]",
        };
    }
}
