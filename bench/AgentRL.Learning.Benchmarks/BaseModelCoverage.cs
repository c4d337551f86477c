using System.Diagnostics;
using System.Globalization;
using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Environments.Gridworld;
using AgentRL.Environments.Search;
using AgentRL.Environments.Shop;
using AgentRL.Learning.Cloning;
using AgentRL.Learning.Evaluation;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Rollout;

namespace AgentRL.Learning.Benchmarks;

/// <summary>
/// How the coverage knobs shape a base model: for each environment and a few (demonstrations, action noise) settings,
/// clone a base model and report its validation success and score when sampling at T=1 (what RL starts from), and its
/// coverage of the expert's actions on the validation tasks (<see cref="Coverage"/>): the mean probability per expert
/// token, the median probability of a whole expert action, and the chance that 8 samples contain it.
/// </summary>
internal static class BaseModelCoverage
{
    public static void Run(Arguments options, IReadOnlyCollection<string> only)
    {
        var tasks = options.Get("--tasks", 50);
        (int Demos, double Noise)[] coverage = [(20, 0.0), (100, 0.0), (100, 0.3)];
        (int Demos, double Noise)[] textCoverage = [(100, 0.0), (100, 0.3)];

        // Shop and search actions copy product names and keywords out of long pages: they need more epochs.
        (string Name, Func<IEnvironment> Create, int ContextTokens, int Epochs, (int Demos, double Noise)[] Settings)[] environments =
        [
            ("gridworld", () => new GridworldEnvironment(new GridworldOptions { StepLimit = 24 }), 224, 4, coverage),
            ("gridworld-hard", () => new GridworldEnvironment(GridworldOptions.Hard), 224, 4, [(20, 0.5), (100, 0.3)]),
            ("shop", () => new ShopEnvironment(), 480, 12, textCoverage),
            ("search", () => new SearchEnvironment(), 480, 12, textCoverage),
        ];
        Console.WriteLine($"base-model validation success at T=1 ({tasks} tasks, 1 sample each); model d=128, 3 layers; context: last turn");
        Console.WriteLine("environment     demos  noise  epochs  demo turns  BC loss  success  score  token cov.  action cov. (median)  8 samples hit   time");
        foreach (var (name, create, contextTokens, epochs, settings) in environments.Where(e => only.Count == 0 || only.Contains(e.Name)))
        {
            foreach (var (demos, noise) in settings)
            {
                var clock = Stopwatch.StartNew();
                using var baseModel = BaseModelRecipe.Train(create, new BaseModelOptions
                {
                    Demonstrations = demos, ActionNoise = noise, ContextTurns = 1, ContextTokens = contextTokens, Epochs = epochs,
                });
                var sampling = new SamplingOptions { Temperature = 1.0, MaxNewTokens = baseModel.LongestAction + 4 };
                var evaluator = new Evaluator(new EpisodeRunner(baseModel.Model, baseModel.Context, sampling), create);
                var report = evaluator.Evaluate(TaskSplit.Validation, tasks, samplesPerTask: 1, ks: [1], new DeterministicRandom(3), batchSize: tasks);
                var expertStates = DemonstrationCollector.Collect(create(), baseModel.Context, tasks, 0, new DeterministicRandom(1), TaskSplit.Validation);
                var expertCoverage = Coverage.Measure(baseModel.Model, baseModel.Context.Tokenizer.Special.Padding, expertStates);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-14}  {demos,5}  {noise,5:F1}  {epochs,6}  {baseModel.DemonstrationTurns,10}  {baseModel.Losses[^1],7:F3}  {report.SuccessRate,7:P0}  {report.MeanScore,5:F2}  {expertCoverage.TokenLevel.Mean,10:F3}  {expertCoverage.SequenceLevel.Median,20:G3}  {expertCoverage.HitProbabilities.Single(h => h.K == 8).Probability,13:P0}  {clock.Elapsed.TotalSeconds,4:F0} s"));
            }
        }
    }
}
