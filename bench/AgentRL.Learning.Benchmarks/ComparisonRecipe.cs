using AgentRL.Environments;
using AgentRL.Environments.Gridworld;
using AgentRL.Environments.Search;
using AgentRL.Environments.Shop;
using AgentRL.Learning.Cloning;

namespace AgentRL.Learning.Benchmarks;

/// <summary>
/// How the sample-efficiency comparison sets up one environment: the environments it plays (training episodes may get a
/// shorter step limit), the base model's recipe, the methods it compares by default and the success level it times.
/// </summary>
internal sealed record ComparisonRecipe(
    string Environment,
    Func<IEnvironment> Evaluation,
    Func<IEnvironment> Training,
    BaseModelOptions BaseModel,
    string Methods,
    double Target)
{
    public static ComparisonRecipe For(string environment, Arguments options)
    {
        var demos = options.Get("--demos", -1);
        var noise = options.Get("--noise", -1.0);
        var epochs = options.Get("--bc-epochs", -1);
        BaseModelOptions Base(int defaultDemos, double defaultNoise, int defaultEpochs, int contextTokens, int contextTurns) => new()
        {
            Demonstrations = demos > 0 ? demos : defaultDemos,
            ActionNoise = noise >= 0 ? noise : defaultNoise,
            Epochs = epochs > 0 ? epochs : defaultEpochs,
            ContextTokens = options.Get("--context-tokens", contextTokens),
            ContextTurns = options.Get("--context-turns", contextTurns),
        };

        switch (environment)
        {
            case "gridworld":
                var stepLimit = options.Get("--step-limit", 64);
                var trainStepLimit = options.Get("--train-step-limit", 32);
                return new(environment,
                    () => new GridworldEnvironment(new GridworldOptions { StepLimit = stepLimit }),
                    () => new GridworldEnvironment(new GridworldOptions { StepLimit = trainStepLimit }),
                    Base(300, 0.3, 6, 224, 0), "grpo,gigpo,archer", options.Get("--target", 0.6));
            case "search":
                return new(environment, () => new SearchEnvironment(), () => new SearchEnvironment(),
                    Base(100, 0.3, 12, 480, 1), "grpo,igpo", options.Get("--target", 0.5));
            case "shop":
                return new(environment, () => new ShopEnvironment(), () => new ShopEnvironment(),
                    Base(100, 0.3, 12, 480, 1), "grpo,oprl", options.Get("--target", 0.5));
            default:
                throw new ArgumentException($"Unknown environment '{environment}': use gridworld, search or shop.");
        }
    }
}
