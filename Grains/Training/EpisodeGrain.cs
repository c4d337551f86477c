using AgentRL.Environments.Grains;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Grains.Training;

/// <summary>
/// Plays one episode and persists it when it ends, then lets its activation go (the stored trajectory answers any later
/// call). An episode interrupted by a crash left nothing behind and is simply played again.
/// </summary>
public sealed class EpisodeGrain([PersistentState("episode")] IPersistentState<EpisodeState> state) : Grain, IEpisodeGrain
{
    public async Task<EpisodeResult> Run(EpisodeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = this.GetPrimaryKeyString();
        if (state.State.Trajectory is { } stored)
        {
            return state.State.Request == request
                ? new EpisodeResult(id, stored, Replayed: true)
                : throw new ArgumentException($"Episode '{id}' already finished with a different request.");
        }

        var environment = GrainFactory.GetGrain<IEnvironmentGrain>(EnvironmentGrainKey.Format(request.Environment, id));
        var policy = GrainFactory.GetGrain<IPolicyGrain>(request.Policy);
        var step = await environment.Reset(request.TaskId, request.Seed);
        var startCellKey = await environment.CellKey();
        var groundTruth = await environment.GroundTruth();
        var turns = new List<Turn>();
        var history = new List<PastTurn>();
        var oldestVersion = int.MaxValue;
        while (!step.Done && turns.Count < request.MaxTurns)
        {
            var recent = history.Count <= request.ContextTurns ? history : history.GetRange(history.Count - request.ContextTurns, request.ContextTurns);
            var act = await policy.Act(new ActRequest(step.Observation, recent.ToArray(), request.MinPolicyVersion, request.Temperature, request.MaxActionTokens));
            step = await environment.Step(act.Action);
            turns.Add(new Turn(act.ContextTokens, act.ActionTokens, act.LogProbs, act.Action, step.Observation, step.Reward, step.Info.Valid, await environment.CellKey()));
            history.Add(new PastTurn(act.ObservationTokens, act.ActionTokens));
            oldestVersion = Math.Min(oldestVersion, act.Version);
        }

        var truncated = !step.Done;
        var groundTruthLogProbs = request.AnswerPrefix is { } prefix && groundTruth is not null && turns.Count > 0
            ? await policy.ScoreGroundTruth(turns.Select(t => t.ContextTokens).ToList(), prefix, groundTruth, request.MinPolicyVersion)
            : null;
        var trajectory = new Trajectory(request.Environment, request.TaskId, request.Seed, turns, truncated ? 0 : step.Info.Score, !truncated && step.Info.Success,
            turns.Count == 0 ? request.MinPolicyVersion : oldestVersion, startCellKey, groundTruth, groundTruthLogProbs);
        state.State = new EpisodeState { Request = request, Trajectory = trajectory, Finished = DateTimeOffset.UtcNow };
        await state.WriteStateAsync();
        DeactivateOnIdle();
        return new EpisodeResult(id, trajectory, Replayed: false);
    }

    public Task<EpisodeResult?> Result() =>
        Task.FromResult(state.State.Trajectory is { } trajectory ? new EpisodeResult(this.GetPrimaryKeyString(), trajectory, Replayed: true) : null);
}
