using System.Diagnostics;
using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Environments.Hosting;
using AgentRL.Grains.Exploration;
using AgentRL.Learning.Curriculum;
using AgentRL.Learning.Reinforcement;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentRL.Grains.Training;

/// <summary>
/// Drives a run. Every iteration plays <c>tasks × group size</c> episodes (each group starts from the same task and
/// seed), retries lost ones, hands complete groups to the learner, evaluates when due, checkpoints, and only then
/// records the iteration. Episode ids are derived from (run, iteration, task, member, attempt), so after a crash the
/// interrupted iteration asks for the same episodes again and the finished ones come back from storage: none is lost,
/// none is counted twice. Reentrant: queries and Stop are answered while the loop awaits.
/// </summary>
[Reentrant]
public sealed partial class TrainingRunGrain(
    [PersistentState("run")] IPersistentState<TrainingRunState> state,
    EnvironmentRegistry environments,
    IHostApplicationLifetime lifetime,
    ILogger<TrainingRunGrain> logger) : Grain, ITrainingRunGrain
{
    private UpdateFeed<RunUpdate> _updates = new();
    // Names the current update feed: a watcher that finds a new one (a new activation, a resumed run) reads it from 1.
    private string _updatesId = Guid.NewGuid().ToString("N");
    private bool _driving;
    private bool _stopRequested;

    private string RunId => this.GetPrimaryKeyString();

    private TrainingRunState Run => state.State;

    public async Task<RunInfo> Start(TrainingRunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        environments.Create(config.Environment);
        if (Run.Status == RunStatus.None)
        {
            state.State = new TrainingRunState { Config = config, Status = RunStatus.Running, Created = DateTimeOffset.UtcNow };
            await state.WriteStateAsync();
            await GrainFactory.GetRunRegistry().Register(RunId);
            Publish($"run {RunId} created: {config.Algorithm} on {config.Environment}, {config.Iterations} iterations of {config.TasksPerIteration}×{config.GroupSize} episodes");
        }
        else if (!SameConfiguration(Run.Config!, config))
        {
            throw new ArgumentException($"Run '{RunId}' already exists with a different configuration; resume it as it is or choose another run id.");
        }

        KeepDriving();
        return Snapshot();
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Watchers of a finished or stopped run get its state and the end of the feed at once.
        if (Run.Status is RunStatus.Completed or RunStatus.Stopped or RunStatus.Failed)
        {
            _updates.Complete();
        }

        return Task.CompletedTask;
    }

    public async Task<RunInfo> Resume()
    {
        if (Run.Status == RunStatus.None)
        {
            throw new InvalidOperationException($"There is no run '{RunId}' to resume.");
        }

        if (Run.Status is RunStatus.Stopped or RunStatus.Failed)
        {
            (Run.Status, Run.Message) = (RunStatus.Running, null);
            await state.WriteStateAsync();
        }

        _stopRequested = false;
        if (Run.Status == RunStatus.Running && !_driving)
        {
            if (_updates.IsCompleted)
            {
                _updates = new UpdateFeed<RunUpdate>();
                _updatesId = Guid.NewGuid().ToString("N");
            }

            Publish($"resuming run {RunId} after iteration {Run.Iterations.Count}");
            KeepDriving();
        }

        return Snapshot();
    }

    public async Task<RunInfo> Stop()
    {
        if (Run.Status == RunStatus.Running)
        {
            _stopRequested = true;
            if (!_driving)
            {
                Run.Status = RunStatus.Stopped;
                await state.WriteStateAsync();
                Publish("stopped");
                _updates.Complete();
            }
        }

        return Snapshot();
    }

    public Task<RunInfo> Info() => Task.FromResult(Snapshot());

    public Task<IReadOnlyList<IterationRecord>> Iterations() => Task.FromResult<IReadOnlyList<IterationRecord>>(Run.Iterations.ToList());

    public Task<FeedPage<RunUpdate>> WatchUpdates(long fromSequence, TimeSpan maxWait, CancellationToken cancellationToken) =>
        _updates.ReadAsync(fromSequence, maxWait, cancellationToken);

    public async Task Drive()
    {
        if (_driving || Run.Status != RunStatus.Running)
        {
            return;
        }

        _driving = true;
        try
        {
            await TrainAsync(Run.Config!);
        }
        catch (Exception) when (SiloStopping)
        {
            Interrupted();
        }
        catch (Exception exception)
        {
            LogFailed(logger, RunId, exception);
            Run.Status = RunStatus.Failed;
            Run.Message = exception.Message;
            await state.WriteStateAsync();
            Publish($"failed: {exception.Message}");
            _updates.Complete();
        }
        finally
        {
            _driving = false;
        }
    }

    private void KeepDriving()
    {
        if (Run.Status != RunStatus.Running || _driving)
        {
            return;
        }

        // A call to itself rather than a background task: while Drive runs, the activation counts as busy and is not
        // collected, and a failure is reported through the normal call path.
        var self = GrainFactory.GetTrainingRun(RunId);
        _ = DriveAsync();

        async Task DriveAsync()
        {
            try
            {
                await self.Drive();
            }
            catch (Exception exception)
            {
                LogDriveLost(logger, RunId, exception);
            }
        }
    }

    private async Task TrainAsync(TrainingRunConfig config)
    {
        var learner = GrainFactory.GetGrain<ILearnerGrain>(RunId);
        Publish(Run.Checkpoint is null ? "preparing the base model (behaviour cloning)" : $"resuming from checkpoint after iteration {Run.Iterations.Count}");
        var learnerStatus = await learner.Initialize(config, Run.Checkpoint);
        if (learnerStatus.Version != Run.PolicyVersion)
        {
            throw new InvalidOperationException($"The learner loaded version {learnerStatus.Version}, but the run recorded version {Run.PolicyVersion}.");
        }

        var splits = environments.Create(config.Environment).Splits;
        if (Explores(config))
        {
            await GrainFactory.GetGrain<IArchiveGrain>(ArchiveKey.For(RunId, config.Environment)).Configure(config.ArchiveCapacity);
        }

        if (Run.BaseSuccess is null && Evaluates(config))
        {
            (Run.BaseSuccess, Run.BaseScore) = await EvaluateAsync(config, splits, learnerStatus);
            await state.WriteStateAsync();
            Publish($"base model: validation success {Run.BaseSuccess:P0}, score {Run.BaseScore:F2}");
        }

        var session = Stopwatch.StartNew();
        var evaluationTime = TimeSpan.Zero;
        var trainingBefore = Run.TrainingSeconds;
        double TrainingSeconds() => trainingBefore + (session.Elapsed - evaluationTime).TotalSeconds;
        bool OutOfTime() => config.MaxMinutes > 0 && TrainingSeconds() >= config.MaxMinutes * 60;

        while (Run.Iterations.Count < config.Iterations && !_stopRequested && !OutOfTime() && !SiloStopping)
        {
            var iteration = Run.Iterations.Count + 1;
            var phase = Stopwatch.StartNew();
            var replay = new TaskReplay(config.ReplayOptions(), Run.ReplayedStarts);
            var (episodes, retries, exploration) = await PlayIterationAsync(config, splits, iteration, learnerStatus.MaxActionTokens, replay);
            var rolloutSeconds = phase.Elapsed.TotalSeconds;
            var trajectories = episodes.Select(e => e.Trajectory).ToList();
            var update = await learner.Train(trajectories, config.GroupSize);

            var record = new IterationRecord
            {
                Iteration = iteration,
                PolicyVersion = update.Version,
                EpisodeIds = episodes.Select(e => e.EpisodeId).ToList(),
                Retries = retries,
                RolloutSuccess = trajectories.Average(t => t.Success ? 1.0 : 0.0),
                RolloutScore = trajectories.Average(t => t.Score),
                MeanTurns = trajectories.Average(t => t.Turns.Count),
                Trained = update.Trained,
                Loss = update.Loss,
                KlToReference = update.KlToReference,
                Entropy = update.Entropy,
                ClipFraction = update.ClipFraction,
                RolloutSeconds = rolloutSeconds,
                LearnerSeconds = update.Seconds,
                Diagnostics = (update.Diagnostics ?? new Dictionary<string, double>()).Concat(exploration).ToDictionary(),
            };
            var last = iteration == config.Iterations;
            if (Evaluates(config) && (iteration % config.EvaluateEvery == 0 || last))
            {
                var evaluation = Stopwatch.StartNew();
                var (success, score) = await EvaluateAsync(config, splits, learnerStatus with { Version = update.Version });
                evaluationTime += evaluation.Elapsed;
                record = record with { ValidationSuccess = success, ValidationScore = score };
            }

            var checkpoint = await learner.SaveCheckpoint(iteration);
            if (Replays(config))
            {
                replay.RecordGroups(trajectories, config.GroupSize, iteration);
                Run.ReplayedStarts = replay.Starts.ToList();
            }

            Run.Iterations.Add(record with { TrainingSeconds = TrainingSeconds() });
            (Run.Checkpoint, Run.PolicyVersion, Run.TrainingSeconds) = (checkpoint, update.Version, TrainingSeconds());
            await state.WriteStateAsync();
            Publish($"iteration {iteration}/{config.Iterations}");
        }

        if (SiloStopping)
        {
            Interrupted();
            return;
        }

        if (_stopRequested)
        {
            Run.Status = RunStatus.Stopped;
            await state.WriteStateAsync();
            Publish("stopped");
            _updates.Complete();
            return;
        }

        if (Evaluates(config) && Run.Iterations is [.., { ValidationSuccess: null } unevaluated])
        {
            // Out of time before a scheduled evaluation: the final figure must describe the final weights.
            var (success, score) = await EvaluateAsync(config, splits, learnerStatus with { Version = Run.PolicyVersion });
            Run.Iterations[^1] = unevaluated with { ValidationSuccess = success, ValidationScore = score };
        }

        Run.Status = RunStatus.Completed;
        Run.Message = OutOfTime() && Run.Iterations.Count < config.Iterations ? $"time budget of {config.MaxMinutes} min reached" : null;
        await state.WriteStateAsync();
        Publish("completed");
        _updates.Complete();
    }

    private async Task<(List<EpisodeResult> Episodes, int Retries, IReadOnlyDictionary<string, double> Exploration)> PlayIterationAsync(
        TrainingRunConfig config, TaskSplits splits, int iteration, int maxActionTokens, TaskReplay replay)
    {
        var random = new DeterministicRandom(DeterministicRandom.Seed(config.Seed, 1, iteration));
        var trainFirst = splits.FirstId(TaskSplit.Train);
        var trainCount = splits.CountOf(TaskSplit.Train);
        var archive = Explores(config) ? GrainFactory.GetGrain<IArchiveGrain>(ArchiveKey.For(RunId, config.Environment)) : null;
        var cells = archive is null ? []
            : await archive.Select(iteration, (int)Math.Round(config.ExploreFraction * config.TasksPerIteration), DeterministicRandom.Seed(config.Seed, 2, iteration));
        // Drawn from the starts kept after the last recorded iteration with its own stream: an iteration replayed after a
        // crash chooses the same starts.
        var replayed = Replays(config)
            ? replay.Choose(replay.ReplaysFor(config.TasksPerIteration - cells.Count), iteration, new DeterministicRandom(DeterministicRandom.Seed(config.Seed, 4, iteration)))
            : [];
        var retries = 0;
        var slots = new List<Task<EpisodeResult>>();
        for (var task = 0; task < config.TasksPerIteration; task++)
        {
            // A group shares its start (task and seed, or archive cell): GRPO compares rollouts of one prompt, so they must begin alike.
            var request = new EpisodeRequest
            {
                Policy = PolicySource.Run(RunId),
                Environment = config.Environment,
                TaskId = trainFirst + random.Next(trainCount),
                Seed = random.Next(1 << 20),
                MinPolicyVersion = Math.Max(0, Run.PolicyVersion - config.MaxPolicyLag),
                Temperature = config.Temperature,
                MaxActionTokens = maxActionTokens,
                ContextTurns = config.ContextTurns + config.ContextActions,
                AnswerPrefix = AdvantageEstimators.NeedsGroundTruth(config.Algorithm) ? config.AnswerPrefix : null,
                Archive = archive?.GetPrimaryKeyString(),
                MaxTurns = config.MaxTurns > 0 ? config.MaxTurns : EpisodeRequest.DefaultMaxTurns,
                MeasureProgress = config.ProgressShaping > 0 || config.ProgressingTurnBlame < 1,
                StallTurns = config.StallTurns,
            };
            if (task < cells.Count)
            {
                request = request with
                {
                    StartCell = cells[task], TaskId = cells[task].TaskId, Seed = cells[task].Seed,
                    Temperature = config.ExploreTemperature > 0 ? config.ExploreTemperature : config.Temperature,
                };
            }
            else if (task - cells.Count < replayed.Count)
            {
                request = request with { TaskId = replayed[task - cells.Count].TaskId, Seed = replayed[task - cells.Count].Seed };
            }

            var firstActions = config.SpannerCandidates > 0 ? await ProposeFirstActionsAsync(config, iteration, task, request) : null;
            for (var member = 0; member < config.GroupSize; member++)
            {
                slots.Add(PlaySlotAsync($"{RunId}/i{iteration}/t{task}/m{member}", firstActions is null ? request : request with { FirstAction = firstActions[member] }));
            }
        }

        var episodes = (await Task.WhenAll(slots)).ToList();
        var exploration = new Dictionary<string, double>();
        if (archive is not null)
        {
            // Written before the iteration is recorded: a run resumed after this point selects from what these episodes found.
            var summary = await archive.Save();
            exploration["archive_cells"] = summary.Cells;
            exploration["archive_discovered"] = summary.Discovered;
            exploration["archive_deepest"] = summary.DeepestLength;
            exploration["episodes_from_archive"] = episodes.Count(e => e.Trajectory.StartedFrom is not null);
        }

        if (Replays(config))
        {
            exploration["replayed_groups"] = replayed.Count;
            exploration["replay_starts_kept"] = replay.Count;
        }

        if (config.SpannerCandidates > 0)
        {
            exploration["spanner_distinct_first_actions"] = episodes.Chunk(config.GroupSize)
                .Average(group => group.Select(e => e.Trajectory.Turns.FirstOrDefault()?.Action).Distinct().Count());
        }

        return (episodes, retries, exploration);

        Task<EpisodeResult> PlaySlotAsync(string slot, EpisodeRequest request) => PlayEpisodeAsync(config, slot, request, () => retries++);
    }

    /// <summary>
    /// The group's first actions from spanning proposals at its start (an archive cell's observation, or the task's first
    /// one, read from a fresh environment grain), seeded by (run, iteration, group) so that a resumed iteration asks its
    /// episodes for the same actions.
    /// </summary>
    private async Task<IReadOnlyList<ActResult>> ProposeFirstActionsAsync(TrainingRunConfig config, int iteration, int task, EpisodeRequest request)
    {
        var observation = request.StartCell?.Observation
            ?? (await GrainFactory.GetGrain<Environments.Grains.IEnvironmentGrain>(Environments.Grains.EnvironmentGrainKey.Format(config.Environment, $"{RunId}/i{iteration}/t{task}/start"))
                .Reset(request.TaskId, request.Seed)).Observation;
        var policy = GrainFactory.GetGrain<IPolicyGrain>(request.Policy);
        return await policy.ProposeSpanning(new ActRequest(observation, [], request.MinPolicyVersion, request.Temperature, request.MaxActionTokens),
            config.SpannerCandidates, config.GroupSize, DeterministicRandom.Seed(config.Seed, 3, (iteration * 10_000) + task));
    }

    /// <summary>
    /// Plays one episode, and plays it again under a new id when it is lost (its silo died, it timed out), waiting a
    /// little longer before each attempt so that a dead silo is out of the cluster before the next placement.
    /// </summary>
    private async Task<EpisodeResult> PlayEpisodeAsync(TrainingRunConfig config, string slot, EpisodeRequest request, Action? onRetry = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var id = attempt == 0 ? slot : $"{slot}/retry{attempt}";
            try
            {
                return await GrainFactory.GetGrain<IEpisodeGrain>(id).Run(request).WaitAsync(config.EpisodeTimeout);
            }
            catch (Exception exception) when (attempt < config.EpisodeRetries && exception is not ArgumentException)
            {
                onRetry?.Invoke();
                LogEpisodeRetry(logger, id, attempt + 1, exception.Message);
                await Task.Delay(RetryDelay(attempt));
            }
        }
    }

    /// <summary>0.5 s, 1 s, 2 s, ... up to 8 s.</summary>
    internal static TimeSpan RetryDelay(int attempt) => TimeSpan.FromMilliseconds(500 * (1 << Math.Min(attempt, 4)));

    /// <summary>Success rate and mean score on the first validation tasks, one episode each, with the given weights.</summary>
    private async Task<(double Success, double Score)> EvaluateAsync(TrainingRunConfig config, TaskSplits splits, LearnerStatus learner)
    {
        var tasks = Math.Min(config.ValidationTasks, splits.CountOf(TaskSplit.Validation));
        var first = splits.FirstId(TaskSplit.Validation);
        var results = await Task.WhenAll(Enumerable.Range(0, tasks).Select(t =>
            PlayEpisodeAsync(config, $"{RunId}/eval/v{learner.Version}/t{t}", new EpisodeRequest
            {
                Policy = PolicySource.Run(RunId),
                Environment = config.Environment,
                TaskId = first + t,
                MinPolicyVersion = learner.Version,
                Temperature = config.Temperature,
                MaxActionTokens = learner.MaxActionTokens,
                ContextTurns = config.ContextTurns + config.ContextActions,
            })));
        return (results.Average(r => r.Trajectory.Success ? 1.0 : 0.0), results.Average(r => r.Trajectory.Score));
    }

    /// <summary>A graceful silo shutdown ends the loop between iterations; the run stays Running so that it resumes.</summary>
    private bool SiloStopping => lifetime.ApplicationStopping.IsCancellationRequested;

    private void Interrupted()
    {
        Publish($"interrupted after iteration {Run.Iterations.Count}: the silo is shutting down; resume the run to continue");
        _updates.Complete();
    }

    private static bool Explores(TrainingRunConfig config) => config.ExploreFraction > 0;

    private static bool Replays(TrainingRunConfig config) => config.TaskReplayFraction > 0;

    private static bool Evaluates(TrainingRunConfig config) => config.EvaluateEvery > 0 && config.ValidationTasks > 0;

    private static bool SameConfiguration(TrainingRunConfig a, TrainingRunConfig b) =>
        System.Text.Json.JsonSerializer.Serialize(a) == System.Text.Json.JsonSerializer.Serialize(b);

    private void Publish(string message)
    {
        if (!_updates.IsCompleted)
        {
            _updates.Publish(new RunUpdate(message, Snapshot()));
        }
    }

    private RunInfo Snapshot() => new(
        RunId,
        Run.Status,
        Run.Config,
        Run.Iterations.Count,
        Run.PolicyVersion,
        Run.BaseSuccess,
        Run.Iterations.LastOrDefault(),
        Run.Iterations.LastOrDefault(i => i.ValidationSuccess is not null)?.ValidationSuccess,
        Run.Checkpoint,
        Run.Message,
        Run.TrainingSeconds,
        _updatesId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Training run {RunId} failed")]
    private static partial void LogFailed(ILogger logger, string runId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Training run {RunId} lost its driving call; resume it to continue")]
    private static partial void LogDriveLost(ILogger logger, string runId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Episode {EpisodeId} lost (attempt {Attempt}): {Reason}; playing it again")]
    private static partial void LogEpisodeRetry(ILogger logger, string episodeId, int attempt, string reason);
}
