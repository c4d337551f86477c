using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AgentRL.Environments.Hosting;
using AgentRL.Learning.Checkpoints;
using AgentRL.Learning.Cloning;
using AgentRL.Learning.Exploration;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Reinforcement;
using AgentRL.Learning.Reinforcement.Archer;
using AgentRL.Learning.Reinforcement.Ppo;
using AgentRL.Learning.Trajectories;
using AgentRL.Torch;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentRL.Grains.Training;

/// <summary>
/// The learner of one run. Its durable state is its checkpoint folders (under <see cref="TrainingOptions.RunsDirectory"/>);
/// the training run tells it which one to load, so a restarted run continues from exactly the step it recorded. Heavy
/// work (cloning, updates, saving) runs on pool threads so the activation keeps answering weight requests. In a cluster
/// it runs on a silo started with the "learner" role (a GPU machine) when there is one, else anywhere.
/// </summary>
[SiloRolePlacement(TrainingRoles.Learner, FallBackToAnySilo = true)]
public sealed partial class LearnerGrain(EnvironmentRegistry environments, IOptions<TrainingOptions> options, ILogger<LearnerGrain> logger)
    : Grain, ILearnerGrain
{
    private const string BaseFolderName = "base";
    // Where a checkpoint keeps a learned estimator's state (OPRL's reward model; ArCHer's critics and replay buffer).
    private const string EstimatorFolderName = "estimator";
    private readonly TrainingOptions _options = options.Value;
    private TrainingRunConfig? _config;
    // The folder whose contents equal the in-memory state (null after an update until the next checkpoint): asking to
    // initialise from it again with the same settings is a no-op, anything else reloads, so a run resumed after a failed
    // iteration never trains on from weights it did not record.
    private string? _loadedFrom;
    private ContextPolicy? _context;
    private PolicyModel? _model;
    private PolicyModel? _reference;
    private PolicyTrainer? _trainer;
    private IAdvantageEstimator? _estimator;
    private RepresentationBonus? _bonus;
    // The bonus's frozen feature model when the run has no KL reference to share it with.
    private PolicyModel? _bonusModel;
    private int _version;
    private int _maxActionTokens;
    private byte[]? _package;

    private string CheckpointsFolder => Path.GetFullPath(Path.Combine(_options.RunsDirectory, this.GetPrimaryKeyString(), "checkpoints"));

    private string BaseFolder => Path.Combine(CheckpointsFolder, BaseFolderName);

    public async Task<LearnerStatus> Initialize(TrainingRunConfig config, string? checkpoint)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        var source = checkpoint ?? BaseFolder;
        if (_trainer is not null && _loadedFrom == source && SameSettings(_config, config))
        {
            return Status();
        }

        Release();
        await Task.Run(() => Load(config, checkpoint));
        _config = config;
        _loadedFrom = source;
        LogInitialized(logger, this.GetPrimaryKeyString(), source, _version, _trainer!.Step);
        return Status();
    }

    public Task<byte[]> GetPolicy(int minVersion)
    {
        if (_package is null)
        {
            throw new InvalidOperationException($"The learner of run '{this.GetPrimaryKeyString()}' has not been initialised.");
        }

        return _version >= minVersion
            ? Task.FromResult(_package)
            : throw new InvalidOperationException($"Run '{this.GetPrimaryKeyString()}' has published version {_version}, not yet {minVersion}.");
    }

    public async Task<LearnerUpdate> Train(IReadOnlyList<Trajectory> trajectories, int groupSize)
    {
        var (trainer, model, context, config) = Ready();
        var stale = trajectories.Where(t => t.PolicyVersion < _version - config.MaxPolicyLag).Select(t => t.PolicyVersion).ToList();
        if (stale.Count > 0)
        {
            throw new ArgumentException($"{stale.Count} trajectories come from version {stale.Min()}, more than {config.MaxPolicyLag} behind version {_version}.");
        }

        var clock = Stopwatch.StartNew();
        var version = _version + 1;
        _loadedFrom = null;
        var (trained, metrics, estimatorDiagnostics, package) = await Task.Run(() =>
        {
            var (kept, updated, diagnostics) = GroupedUpdate.Apply(trainer, _estimator!, trajectories, groupSize, new GroupedUpdateOptions { Bonus = _bonus, InvalidActionPenalty = config.InvalidActionPenalty, RevisitPenalty = config.RevisitPenalty, ProgressShaping = config.ProgressShaping, NegativeAdvantageScale = config.NegativeAdvantageScale, ProgressingTurnBlame = config.ProgressingTurnBlame });
            return (kept, updated, diagnostics, PolicyPackage.Pack(model, context, version));
        });
        (_version, _package) = (version, package);
        return new LearnerUpdate(version, trained, metrics?.PolicyLoss ?? 0, metrics?.KlToReference ?? 0, metrics?.Entropy ?? 0, metrics?.ClipFraction ?? 0, clock.Elapsed.TotalSeconds, new Dictionary<string, double>(estimatorDiagnostics));
    }

    public async Task<string> SaveCheckpoint(int iteration)
    {
        var (trainer, model, context, _) = Ready();
        var folder = Path.Combine(CheckpointsFolder, $"iteration-{iteration.ToString("D5", CultureInfo.InvariantCulture)}");
        var metadata = PolicyPackage.CheckpointMetadata(context, _version, _maxActionTokens);
        await Task.Run(() =>
        {
            PolicyCheckpoint.Save(folder, model, context.Tokenizer, trainer.Optimizer, trainer.Step, metadata, writeAlongside: written =>
            {
                (_estimator as ILearnedAdvantageEstimator)?.Save(Path.Combine(written, EstimatorFolderName), context.Tokenizer);
                _bonus?.Save(written);
            });

            // The run records a checkpoint only after it is written, so the previous one must survive until then.
            foreach (var old in Directory.GetDirectories(CheckpointsFolder, "iteration-*").Order(StringComparer.Ordinal).SkipLast(Math.Max(2, _options.CheckpointsToKeep)))
            {
                Directory.Delete(old, recursive: true);
            }
        });
        _loadedFrom = folder;
        return folder;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Release();
        return Task.CompletedTask;
    }

    private void Load(TrainingRunConfig config, string? checkpoint)
    {
        // First, so a silo without the device it names fails before any cloning.
        var device = Device.Resolve(_options.Device);
        if (!File.Exists(Path.Combine(BaseFolder, "checkpoint.json")))
        {
            CloneBaseModel(config);
        }

        var baseInfo = PolicyCheckpoint.ReadInfo(BaseFolder);
        var folder = checkpoint ?? BaseFolder;
        var info = PolicyCheckpoint.ReadInfo(folder);
        var model = PolicyCheckpoint.LoadModel(folder);
        try
        {
            // On the device before the trainer makes its optimiser: AdamW keeps its moments where the weights are.
            model.To(device);
            var context = new ContextPolicy(PolicyCheckpoint.LoadTokenizer(folder), config.ContextTurns, config.ContextTokens, config.ContextActions);
            var reference = config.KlCoefficient > 0 ? PolicyCheckpoint.LoadModel(BaseFolder) : null;
            reference?.To(device);
            var ppo = new PpoOptions
            {
                Schedule = new LearningRateSchedule(config.LearningRate, config.LearningRateWarmupSteps, config.LearningRateDecaySteps),
                KlCoefficient = config.KlCoefficient,
                TokenBudget = config.TokenBudget,
                Epochs = config.Epochs,
                Aggregation = LossAggregation.TrajectoryMean,
                Temperature = config.Temperature,
            };
            model.Train();
            var trainer = new PolicyTrainer(model, reference, ppo, context.Tokenizer.Special.Padding, startStep: info.Step);
            if (checkpoint is not null)
            {
                PolicyCheckpoint.LoadOptimizer(checkpoint, trainer.Optimizer, model);
            }

            _version = PolicyPackage.Version(info);
            _maxActionTokens = PolicyPackage.MaxActionTokens(baseInfo)
                               ?? throw new InvalidDataException($"'{BaseFolder}' records no action length; it was not written by a training run's learner.");
            var estimator = CreateEstimator(config, model, context, _maxActionTokens, checkpoint);
            (_bonus, _bonusModel) = CreateBonus(config, reference, context, checkpoint, device);
            (_model, _reference, _trainer, _context, _estimator) = (model, reference, trainer, context, estimator);
            _package = PolicyPackage.Pack(model, context, _version);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Whether two configurations are alike in every setting (another algorithm or optimiser needs a reload).</summary>
    private static bool SameSettings(TrainingRunConfig? loaded, TrainingRunConfig asked) =>
        loaded is not null && JsonSerializer.Serialize(loaded) == JsonSerializer.Serialize(asked);

    /// <summary>
    /// A learned estimator continues from the model saved in the checkpoint it resumes from, or starts from the base
    /// policy; the stateless ones are made afresh.
    /// </summary>
    private static IAdvantageEstimator CreateEstimator(TrainingRunConfig config, PolicyModel model, ContextPolicy context, int maxActionTokens, string? checkpoint)
    {
        if (!AdvantageEstimators.IsLearned(config.Algorithm))
        {
            return config.StatelessEstimator();
        }

        var saved = checkpoint is null ? null : Path.Combine(checkpoint, EstimatorFolderName);
        if (saved is not null && !Directory.Exists(saved))
        {
            throw new InvalidDataException($"Checkpoint '{checkpoint}' has no '{EstimatorFolderName}' folder, which a run with algorithm '{config.Algorithm}' needs; it was written by a run with another algorithm.");
        }

        var special = context.Tokenizer.Special;
        var sampling = new SamplingOptions { Temperature = config.Temperature, MaxNewTokens = maxActionTokens, StopTokens = new HashSet<int> { special.EndOfAction }, PaddingToken = special.Padding };
        var oprl = new OprlOptions { Beta = config.ProcessRewardBeta, LearningRate = config.ProcessRewardLearningRate, StepsPerUpdate = config.ProcessRewardSteps, StepWeight = config.StepAdvantageWeight, TokenBudget = config.TokenBudget, Temperature = config.Temperature };
        var archer = new ArcherOptions { Discount = config.StepDiscount, CriticStepsPerUpdate = config.CriticSteps, CriticLearningRate = config.CriticLearningRate, TokenBudget = config.TokenBudget, Seed = config.Seed };
        var ppo = new ValueBaselineOptions { Discount = config.StepDiscount, Lambda = config.GaeLambda, LearningRate = config.CriticLearningRate, EpochsPerUpdate = config.ValueEpochs, TokenBudget = config.TokenBudget };
        return AdvantageEstimators.CreateLearned(config.Algorithm, model, sampling, oprl, archer, saved, ppo);
    }

    /// <summary>
    /// The representation bonus when the run asks for one: its features come from the base model, frozen (the KL
    /// reference when the run has one, else a copy of its own), and its Σ⁻¹ from the checkpoint it resumes from.
    /// </summary>
    private (RepresentationBonus? Bonus, PolicyModel? OwnModel) CreateBonus(TrainingRunConfig config, PolicyModel? reference, ContextPolicy context, string? checkpoint, Device device)
    {
        if (config.RepresentationBonus <= 0)
        {
            return (null, null);
        }

        var own = reference is null ? PolicyCheckpoint.LoadModel(BaseFolder) : null;
        try
        {
            own?.To(device);
            var bonus = new RepresentationBonus(reference ?? own!, context.Tokenizer.Special.Padding, new RepresentationBonusOptions { Coefficient = config.RepresentationBonus, Seed = (ulong)config.Seed });
            if (checkpoint is not null)
            {
                bonus.Load(checkpoint);
            }

            return (bonus, own);
        }
        catch
        {
            own?.Dispose();
            throw;
        }
    }

    private void CloneBaseModel(TrainingRunConfig config)
    {
        var clock = Stopwatch.StartNew();
        using var baseModel = BaseModelRecipe.Train(() => environments.Create(config.Environment), new BaseModelOptions
        {
            Demonstrations = config.Demonstrations,
            ActionNoise = config.ActionNoise,
            ContextTurns = config.ContextTurns,
            ContextActions = config.ContextActions,
            ContextTokens = config.ContextTokens,
            Preset = config.Preset,
            Epochs = config.CloningEpochs,
            DaggerRounds = config.DaggerRounds,
            DaggerEpisodes = config.DaggerEpisodes,
            DaggerEpochs = config.DaggerEpochs,
            DaggerLabelNoise = config.DaggerLabelNoise,
            Seed = config.Seed,
            Device = _options.Device,
        });
        var maxActionTokens = baseModel.LongestAction + 2;
        PolicyCheckpoint.Save(BaseFolder, baseModel.Model, baseModel.Context.Tokenizer, optimizer: null, step: 0, PolicyPackage.CheckpointMetadata(baseModel.Context, 0, maxActionTokens));
        LogCloned(logger, this.GetPrimaryKeyString(), baseModel.DemonstrationTurns, baseModel.Losses[^1], clock.Elapsed.TotalSeconds);
    }

    private (PolicyTrainer Trainer, PolicyModel Model, ContextPolicy Context, TrainingRunConfig Config) Ready() =>
        _trainer is not null && _model is not null && _context is not null && _config is not null
            ? (_trainer, _model, _context, _config)
            : throw new InvalidOperationException($"The learner of run '{this.GetPrimaryKeyString()}' has not been initialised.");

    private LearnerStatus Status() => new(_version, _trainer!.Step, _maxActionTokens, BaseFolder);

    private void Release()
    {
        _trainer?.Dispose();
        (_estimator as IDisposable)?.Dispose();
        _estimator = null;
        _model?.Dispose();
        _reference?.Dispose();
        _bonusModel?.Dispose();
        (_bonus, _bonusModel) = (null, null);
        (_trainer, _model, _reference, _context, _package, _loadedFrom) = (null, null, null, null, null, null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Learner {RunId} loaded {Source}: version {Version}, step {Step}")]
    private static partial void LogInitialized(ILogger logger, string runId, string source, int version, int step);

    [LoggerMessage(Level = LogLevel.Information, Message = "Learner {RunId} cloned a base model from {Turns} demonstration turns (loss {Loss:F3}) in {Seconds:F0} s")]
    private static partial void LogCloned(ILogger logger, string runId, int turns, double loss, double seconds);
}
