using AgentRL.Environments;
using AgentRL.Environments.Gridworld;
using AgentRL.Environments.Search;
using AgentRL.Environments.Shop;
using AgentRL.Learning.Cloning;
using AgentRL.Learning.Rollout;
using AgentRL.Samples.NumberGuess;

namespace AgentRL.Learning.Benchmarks;

/// <summary>
/// How the sample-efficiency comparison sets up one environment: the environments it plays (training episodes may get a
/// shorter step limit), the base model's recipe, the methods it compares by default and the success level it times.
/// Environments with a ground truth name how an answer action starts (IGPO scores the ground truth after it).
/// </summary>
internal sealed record ComparisonRecipe(
    string Environment,
    Func<IEnvironment> Evaluation,
    Func<IEnvironment> Training,
    BaseModelOptions BaseModel,
    string Methods,
    double Target,
    string AnswerPrefix = GroundTruthProbe.DefaultAnswerPrefix)
{
    public static ComparisonRecipe For(string environment, Arguments options)
    {
        var demos = options.Get("--demos", -1);
        var noise = options.Get("--noise", -1.0);
        var epochs = options.Get("--bc-epochs", -1);
        BaseModelOptions Base(int defaultDemos, double defaultNoise, int defaultEpochs, int contextTokens, int contextTurns, int vocabulary = 512, bool bucket = false) => new()
        {
            Demonstrations = demos > 0 ? demos : defaultDemos,
            ActionNoise = noise >= 0 ? noise : defaultNoise,
            Epochs = epochs > 0 ? epochs : defaultEpochs,
            ContextTokens = options.Get("--context-tokens", contextTokens),
            ContextTurns = options.Get("--context-turns", contextTurns),
            Preset = options.Text("--preset", "compact"),
            Device = options.Text("--device", "cpu"),
            BatchSize = options.Get("--bc-batch", 32),
            LearningRate = options.Get("--bc-lr", 2e-3),
            VocabularySize = options.Get("--vocab", vocabulary),
            BucketByLength = options.Get("--bucket", bucket ? 1 : 0) == 1,
            SpaceInsideBrackets = options.Get("--space-arguments", 0) == 1,
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
            case "search" or "search-small":
                var search = environment == "search" ? SearchOptions.Default : SearchOptions.Small;
                return new(environment, () => new SearchEnvironment(search), () => new SearchEnvironment(search),
                    Base(100, 0.3, 12, 480, 1), "grpo,igpo", options.Get("--target", 0.5));
            case "number-guess":
                // Every action is a guess, so the answer turn is the last guess; "guess" without its space, because the
                // tokenizer keeps a number's leading space with the number.
                return new(environment, () => new NumberGuessEnvironment(), () => new NumberGuessEnvironment(),
                    Base(300, 0.3, 8, 192, 10), "grpo,igpo", options.Get("--target", 0.5), AnswerPrefix: "guess");
            case "shop" or "shop-numbered":
                // The longest pages (results) reach 409 tokens with a 2,048-token vocabulary (676 with 512), and the instruction
                // opens every page: the whole current observation must fit, or the policy never sees what to copy.
                var shop = environment == "shop" ? ShopOptions.Small : ShopOptions.Numbered;
                return new(environment, () => new ShopEnvironment(shop), () => new ShopEnvironment(shop),
                    Base(400, 0.2, 8, 416, 0, vocabulary: 2048, bucket: true), "grpo,oprl", options.Get("--target", 0.5));
            default:
                throw new ArgumentException($"Unknown environment '{environment}': use gridworld, search, search-small, number-guess, shop or shop-numbered.");
        }
    }
}
