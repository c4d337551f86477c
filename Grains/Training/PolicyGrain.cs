using AgentRL.Environments.Generation;
using AgentRL.Learning.Checkpoints;
using AgentRL.Learning.Exploration;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Rollout;
using AgentRL.Torch;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentRL.Grains.Training;

/// <summary>
/// A policy replica. Requests queue up and a single batch loop serves them: it waits briefly for the episodes that are
/// about to ask (see <see cref="PolicyReplicaOptions.BatchWindow"/>), refreshes the weights if any request needs a newer
/// version, and samples for the whole batch in one call on a pool thread, so the activation stays responsive.
/// </summary>
[StatelessWorker(1)]
[Reentrant]
public sealed partial class PolicyGrain(IOptions<PolicyReplicaOptions> options, IOptions<TrainingOptions> training, ILogger<PolicyGrain> logger) : Grain, IPolicyGrain
{
    private readonly PolicyReplicaOptions _options = options.Value;
    private readonly string _device = training.Value.Device;
    private readonly List<PendingAct> _pending = [];
    private readonly SemaphoreSlim _modelGate = new(1, 1);
    private DeterministicRandom _random = new(1);
    private LoadedPolicy? _policy;
    private bool _batching;
    private int _lastBatchSize = 1;
    private TaskCompletionSource? _batchFull;

    public Task<ActResult> Act(ActRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pending = new PendingAct(request);
        _pending.Add(pending);
        if (_pending.Count >= _lastBatchSize)
        {
            _batchFull?.TrySetResult();
        }

        if (!_batching)
        {
            _batching = true;
            _ = ServeBatchesAsync();
        }

        return pending.Completion.Task;
    }

    public Task<IReadOnlyList<ActResult>> ProposeSpanning(ActRequest request, int candidates, int count, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(candidates, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return WithPolicyAsync(request.MinVersion, policy =>
        {
            var (context, special) = (policy.Context, policy.Context.Tokenizer.Special);
            var observation = context.Encode(request.Observation);
            var prompt = context.Build(request.History.Select(t => (t.Observation, t.Action)).ToList(), observation);
            var sampling = new SamplingOptions
            {
                Temperature = request.Temperature, MaxNewTokens = request.MaxActionTokens, StopTokens = new HashSet<int> { special.EndOfAction }, PaddingToken = special.Padding,
            };
            // Features from the replica's own model: the policy that proposes is the one whose choices must differ.
            var chosen = SpanningProposals.Choose(policy.Model, prompt, sampling, candidates, count, new DeterministicRandom(seed), new ActionFeatures(policy.Model, 64, special.Padding));
            return (IReadOnlyList<ActResult>)chosen.Select(g => new ActResult(observation, prompt, g.Tokens, g.LogProbs, context.ActionText(g.Tokens), policy.Version, candidates)).ToList();
        });
    }

    public Task<IReadOnlyList<float[]>> Score(IReadOnlyList<int[]> contexts, IReadOnlyList<int[]> continuations, int minVersion)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(continuations);
        if (contexts.Count != continuations.Count)
        {
            throw new ArgumentException($"{contexts.Count} contexts but {continuations.Count} continuations.");
        }

        return WithPolicyAsync(minVersion, policy => (IReadOnlyList<float[]>)TeacherForcing
            .Score(policy.Model, contexts, continuations, 1.0, policy.Context.Tokenizer.Special.Padding)
            .Select(s => s.LogProbs).ToList());
    }

    public Task<double[]> ScoreGroundTruth(IReadOnlyList<int[]> contexts, string answerPrefix, string groundTruth, int minVersion)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentException.ThrowIfNullOrWhiteSpace(answerPrefix);
        ArgumentException.ThrowIfNullOrWhiteSpace(groundTruth);
        return WithPolicyAsync(minVersion, policy => new GroundTruthProbe(policy.Context.Tokenizer, answerPrefix).MeanLogProbs(policy.Model, contexts, groundTruth));
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Replicas sample independently; seeding from the key and the time keeps two replicas from drawing alike.
        _random = new DeterministicRandom((ulong)HashCode.Combine(this.GetPrimaryKeyString(), Environment.TickCount64));
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _policy?.Dispose();
        _policy = null;
        return Task.CompletedTask;
    }

    private async Task ServeBatchesAsync()
    {
        try
        {
            while (_pending.Count > 0)
            {
                if (_pending.Count < _lastBatchSize)
                {
                    _batchFull = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    await Task.WhenAny(_batchFull.Task, Task.Delay(_options.BatchWindow));
                    _batchFull = null;
                }

                var batch = TakeBatch();
                _lastBatchSize = Math.Max(1, batch.Count);
                await ServeAsync(batch);
            }
        }
        finally
        {
            _batching = false;
        }
    }

    /// <summary>The oldest request and every queued one that samples the same way, up to the batch limit.</summary>
    private List<PendingAct> TakeBatch()
    {
        var first = _pending[0].Request;
        var batch = _pending.Where(p => p.Request.Temperature == first.Temperature && p.Request.MaxActionTokens == first.MaxActionTokens)
            .Take(_options.MaxBatch)
            .ToList();
        foreach (var taken in batch)
        {
            _pending.Remove(taken);
        }

        return batch;
    }

    private async Task ServeAsync(List<PendingAct> batch)
    {
        try
        {
            var random = _random;
            var results = await WithPolicyAsync(batch.Max(p => p.Request.MinVersion), policy => Sample(policy, batch, random));
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(results[i]);
            }
        }
        catch (Exception exception)
        {
            LogBatchFailed(logger, batch.Count, exception);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(exception);
            }
        }
    }

    /// <summary>One sampling call for the whole batch (its requests share temperature and length cap).</summary>
    private static ActResult[] Sample(LoadedPolicy policy, List<PendingAct> batch, DeterministicRandom random)
    {
        var first = batch[0].Request;
        var context = policy.Context;
        var special = context.Tokenizer.Special;
        var sampling = new SamplingOptions
        {
            Temperature = first.Temperature,
            MaxNewTokens = first.MaxActionTokens,
            StopTokens = new HashSet<int> { special.EndOfAction },
            PaddingToken = special.Padding,
        };
        var observations = batch.Select(p => context.Encode(p.Request.Observation)).ToArray();
        var prompts = batch.Select((p, i) => context.Build(p.Request.History.Select(t => (t.Observation, t.Action)).ToList(), observations[i])).ToList();
        var generated = PolicySampler.Generate(policy.Model, prompts, sampling, random);
        return generated.Select((g, i) => new ActResult(observations[i], prompts[i], g.Tokens, g.LogProbs, context.ActionText(g.Tokens), policy.Version, batch.Count)).ToArray();
    }

    /// <summary>Runs <paramref name="work"/> on a pool thread with the model (at least <paramref name="minVersion"/>) to itself.</summary>
    private async Task<T> WithPolicyAsync<T>(int minVersion, Func<LoadedPolicy, T> work)
    {
        await _modelGate.WaitAsync();
        try
        {
            var policy = await EnsureVersionAsync(minVersion);
            return await Task.Run(() => work(policy));
        }
        finally
        {
            _modelGate.Release();
        }
    }

    /// <summary>The loaded policy, fetched again first when it is older than <paramref name="minVersion"/>.</summary>
    private async Task<LoadedPolicy> EnsureVersionAsync(int minVersion)
    {
        if (_policy is not null && _policy.Version >= minVersion)
        {
            return _policy;
        }

        var (runId, checkpoint) = PolicySource.Parse(this.GetPrimaryKeyString());
        LoadedPolicy loaded;
        if (runId is not null)
        {
            var package = await GrainFactory.GetGrain<ILearnerGrain>(runId).GetPolicy(minVersion);
            loaded = await Task.Run(() => PolicyPackage.Unpack(package));
        }
        else
        {
            loaded = await Task.Run(() => PolicyPackage.Unpack(PolicyPackage.FromCheckpoint(checkpoint!)));
            if (loaded.Version < minVersion)
            {
                loaded.Dispose();
                throw new InvalidOperationException($"Checkpoint '{checkpoint}' holds version {loaded.Version}, older than the {minVersion} asked for.");
            }
        }

        try
        {
            loaded.Model.To(Device.Resolve(_device));
        }
        catch
        {
            loaded.Dispose();
            throw;
        }

        _policy?.Dispose();
        _policy = loaded;
        LogLoaded(logger, this.GetPrimaryKeyString(), loaded.Version);
        return loaded;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Policy replica {Source} loaded weight version {Version}")]
    private static partial void LogLoaded(ILogger logger, string source, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} policy requests failed")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);

    private sealed class PendingAct(ActRequest request)
    {
        public ActRequest Request { get; } = request;

        public TaskCompletionSource<ActResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
