using AgentRL.Environments.Grains;
using AgentRL.Grains.Exploration;
using AgentRL.Learning.Exploration;
using AgentRL.Learning.Rollout;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Grains.Training;

/// <summary>
/// Plays one episode and persists it when it ends, then lets its activation go (the stored trajectory answers any later
/// call). An episode interrupted by a crash left nothing behind and is simply played again. Go-Explore episodes may start
/// from an archive cell and offer the states they reach to the run's archive.
/// </summary>
public sealed class EpisodeGrain([PersistentState("episode")] IPersistentState<EpisodeState> state) : Grain, IEpisodeGrain
{
    public async Task<EpisodeResult> Run(EpisodeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegative(request.StallTurns);
        var id = this.GetPrimaryKeyString();
        if (state.State.Trajectory is { } stored)
        {
            return state.State.Request == request
                ? new EpisodeResult(id, stored, Replayed: true)
                : throw new ArgumentException($"Episode '{id}' already finished with a different request.");
        }

        var environment = GrainFactory.GetGrain<IEnvironmentGrain>(EnvironmentGrainKey.Format(request.Environment, id));
        var policy = GrainFactory.GetGrain<IPolicyGrain>(request.Policy);
        var (taskId, seed) = request.StartCell is { } cell ? (cell.TaskId, cell.Seed) : (request.TaskId, request.Seed);
        var step = await environment.Reset(taskId, seed);
        if (request.StartCell is not null)
        {
            await environment.Restore(request.StartCell.Snapshot);
            step = request.StartCell.RestoredStep();
        }

        var startCellKey = await environment.CellKey();
        var groundTruth = await environment.GroundTruth();
        var visits = request.Archive is null ? null : new List<CellVisit>();
        var returnSoFar = request.StartCell?.Score ?? 0;
        if (visits is not null && request.StartCell is null)
        {
            visits.Add(new CellVisit(taskId, seed, startCellKey, returnSoFar, step.Info.StepCount, await environment.Snapshot(), step.Observation));
        }

        var goal = request.MeasureProgress || request.StallTurns > 0 ? new GoalProgress(await environment.GoalDistance()) : null;
        var turns = new List<Turn>();
        var history = new List<PastTurn>();
        var oldestVersion = int.MaxValue;
        while (!step.Done && turns.Count < request.MaxTurns && !(request.StallTurns > 0 && goal!.Stalled(request.StallTurns)))
        {
            var recent = history.Count <= request.ContextTurns ? history : history.GetRange(history.Count - request.ContextTurns, request.ContextTurns);
            var forced = turns.Count == 0 && request.FirstAction is not null;
            var act = forced ? request.FirstAction! : await policy.Act(new ActRequest(step.Observation, recent.ToArray(), request.MinPolicyVersion, request.Temperature, request.MaxActionTokens));
            step = await environment.Step(act.Action);
            var cellKey = await environment.CellKey();
            var progress = goal is null ? 0 : goal.Record(await environment.GoalDistance());
            turns.Add(new Turn(act.ContextTokens, act.ActionTokens, act.LogProbs, act.Action, step.Observation, step.Reward, step.Info.Valid, cellKey, forced, Progress: progress));
            history.Add(new PastTurn(act.ObservationTokens, act.ActionTokens));
            oldestVersion = Math.Min(oldestVersion, act.Version);
            returnSoFar += step.Reward;
            if (visits is not null && !step.Done)
            {
                visits.Add(new CellVisit(taskId, seed, cellKey, returnSoFar, step.Info.StepCount, await environment.Snapshot(), step.Observation));
            }
        }

        var truncated = !step.Done;
        var groundTruthLogProbs = request.AnswerPrefix is { } prefix && groundTruth is not null && turns.Count > 0
            ? await policy.ScoreGroundTruth(turns.Select(t => t.ContextTokens).ToList(), prefix, groundTruth, request.MinPolicyVersion)
            : null;
        var trajectory = new Trajectory(request.Environment, taskId, seed, turns, truncated ? 0 : step.Info.Score, !truncated && step.Info.Success,
            turns.Count == 0 ? request.MinPolicyVersion : oldestVersion, startCellKey, groundTruth, groundTruthLogProbs, request.StartCell?.Key);
        if (visits is not null)
        {
            await GrainFactory.GetGrain<IArchiveGrain>(request.Archive!).Offer(visits, request.StartCell?.Key);
        }

        state.State = new EpisodeState { Request = request, Trajectory = trajectory, Finished = DateTimeOffset.UtcNow };
        await state.WriteStateAsync();
        DeactivateOnIdle();
        return new EpisodeResult(id, trajectory, Replayed: false);
    }

    public Task<EpisodeResult?> Result() =>
        Task.FromResult(state.State.Trajectory is { } trajectory ? new EpisodeResult(this.GetPrimaryKeyString(), trajectory, Replayed: true) : null);
}
