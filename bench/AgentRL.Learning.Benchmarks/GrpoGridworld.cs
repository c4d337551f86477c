using System.Diagnostics;
using System.Globalization;
using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Environments.Gridworld;
using AgentRL.Learning.Cloning;
using AgentRL.Learning.Curriculum;
using AgentRL.Learning.Evaluation;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Reinforcement;
using AgentRL.Learning.Reinforcement.Archer;
using AgentRL.Learning.Reinforcement.Ppo;
using AgentRL.Learning.Rollout;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Benchmarks;

/// <summary>
/// The plain loop (no grains) on the gridworld: clone a base model from a limited, noisy set of demonstrations
/// (partial coverage) and two DAgger rounds, then run GRPO within a wall-clock budget and print the validation success
/// curve. The defaults are the best recipe measured (README, Benchmarks): no KL, centred advantages, training episodes
/// cut at 32 turns, a 20-step warm-up and a penalty on rejected actions.
/// </summary>
internal static class GrpoGridworld
{
    public static void Run(Arguments options)
    {
        var minutes = options.Get("--minutes", 15.0);
        var demos = options.Get("--demos", 300);
        var noise = options.Get("--noise", 0.3);
        var daggerRounds = options.Get("--dagger-rounds", 2);
        var stepLimit = options.Get("--step-limit", 64);
        // Training episodes may get a shorter limit than evaluation: a failure then costs fewer turns to play and train on.
        var trainStepLimit = options.Get("--train-step-limit", 32);
        // --max-turns N cuts training episodes after N turns in the runner instead (a failure, as `agentrl train
        // --max-turns` does): the environment keeps its limit, so a success is scored against it, not against N.
        var maxTurns = options.Get("--max-turns", 0);
        ArgumentOutOfRangeException.ThrowIfNegative(maxTurns);
        // --stall-turns S also ends a training episode (a failure) once it has gone S turns without coming closer to the
        // goal than ever before (the gridworld's distance estimate), so a long limit lets slow successes count without
        // playing every loop out to it.
        var stallTurns = options.Get("--stall-turns", 0);
        ArgumentOutOfRangeException.ThrowIfNegative(stallTurns);
        var contextTurns = options.Get("--context-turns", 0);
        var learningRate = options.Get("--lr", 5e-4);
        var iterations = options.Get("--iterations", int.MaxValue);
        var sharedStart = options.Get("--shared-start", 1) == 1;
        var kl = options.Get("--kl", 0.0);
        // --success-tokens 1: successes weigh by their tokens, failures as whole trajectories (overrides --trajectory-mean).
        var aggregation = options.Get("--success-tokens", 0) == 1 ? LossAggregation.TokenMeanForSuccesses
            : options.Get("--trajectory-mean", 1) == 1 ? LossAggregation.TrajectoryMean : LossAggregation.TokenMean;
        var scaleByStd = options.Get("--std", 0) == 1;
        var algorithm = options.Text("--algo", AdvantageEstimators.Grpo);
        var seed = options.Get("--seed", 4);
        var (invalidPenalty, revisitPenalty) = (options.Get("--invalid-penalty", 1.0), options.Get("--revisit-penalty", 0.2));
        // --progress-shaping W adds W to a turn's advantage per step its action brought the episode closer to the
        // mission's end, by the gridworld's Manhattan estimate over the whole map (and takes W off per step away).
        var progressShaping = options.Get("--progress-shaping", 0.0);
        // --negative-scale K multiplies the estimator's negative advantages by K before the turn-level terms (1: off).
        var negativeScale = options.Get("--negative-scale", 1.0);
        // --progress-blame F keeps that share of a negative advantage on turns that brought the episode closer (1: off).
        var progressingTurnBlame = options.Get("--progress-blame", 1.0);
        // --reward success compares outcomes only (GRPO): the score also ranks a group's successes by their step counts.
        var rewardName = options.Text("--reward", nameof(EpisodeReward.Score));
        var reward = Enum.GetNames<EpisodeReward>().FirstOrDefault(n => n.Equals(rewardName, StringComparison.OrdinalIgnoreCase)) is { } known
            ? Enum.Parse<EpisodeReward>(known)
            : throw new ArgumentException($"Unknown --reward '{rewardName}'; use one of {string.Join(", ", Enum.GetNames<EpisodeReward>()).ToLowerInvariant()}.");
        if (AdvantageEstimators.IsLearned(algorithm) && reward != EpisodeReward.Score)
        {
            throw new ArgumentException($"--reward applies to grpo only, not to '{algorithm}'.");
        }

        // --demo-starts F starts that share of each iteration's fresh groups part-way along the expert's path (a state
        // drawn uniformly past the start), so the late phase of long missions is trained in short episodes too.
        var demonstrationShare = options.Get("--demo-starts", 0.0);
        if (demonstrationShare is < 0 or > 1 || (demonstrationShare > 0 && !sharedStart))
        {
            throw new ArgumentException("--demo-starts takes a share in [0, 1], and needs groups that share their start (--shared-start 1).");
        }

        // --failure-starts F starts that share of each iteration's fresh groups from states the previous iteration's failed
        // episodes passed through (within their first --failure-depth turns), where the policy's own mistakes lead.
        var failureShare = options.Get("--failure-starts", 0.0);
        if (failureShare is < 0 or > 1 || (failureShare > 0 && !sharedStart) || demonstrationShare + failureShare > 1)
        {
            throw new ArgumentException("--failure-starts takes a share in [0, 1] that, with --demo-starts, adds up to 1 at most, and needs groups that share their start (--shared-start 1).");
        }

        var failureStarts = failureShare > 0 ? new FailureStarts(options.Get("--failure-depth", 16)) : null;
        var clock = Stopwatch.StartNew();
        Func<IEnvironment> environment = () => new GridworldEnvironment(new GridworldOptions { StepLimit = stepLimit });

        var daggerLabelNoise = options.Get("--dagger-label-noise", 0.0);

        // --base-cache DIR keeps the cloned base (DAgger rounds take minutes) so later runs start from the same one.
        using var baseModel = BaseModelCache.LoadOrTrain(options.Text("--base-cache", ""), () => BaseModelRecipe.Train(environment, new BaseModelOptions
        {
            Demonstrations = demos, ActionNoise = noise, RecoveryNoise = options.Get("--recovery-noise", 0.0), ContextTurns = contextTurns, ContextActions = options.Get("--context-actions", 0), Epochs = options.Get("--bc-epochs", 6), Preset = options.Text("--preset", "compact"),
            DaggerRounds = daggerRounds, DaggerEpisodes = options.Get("--dagger-episodes", 300), DaggerEpochs = options.Get("--dagger-epochs", 3),
            DaggerLabelNoise = daggerLabelNoise,
        }, BaseModelCache.Progress()));
        var (tokenizer, context, model) = (baseModel.Context.Tokenizer, baseModel.Context, baseModel.Model);
        using var learned = AdvantageEstimators.IsLearned(algorithm)
            ? AdvantageEstimators.CreateLearned(
                algorithm,
                model,
                new SamplingOptions { MaxNewTokens = 6, StopTokens = new HashSet<int> { tokenizer.Special.EndOfAction }, PaddingToken = tokenizer.Special.Padding },
                new OprlOptions { LearningRate = options.Get("--prm-lr", 1e-4), Beta = options.Get("--prm-beta", 0.05), StepsPerUpdate = options.Get("--prm-steps", 1), StepWeight = options.Get("--step-weight", 1.0) },
                new ArcherOptions { CriticStepsPerUpdate = options.Get("--critic-steps", 50), CriticLearningRate = options.Get("--critic-lr", 3e-4), WarmupUpdates = options.Get("--warmup", 2) },
                ppo: new ValueBaselineOptions { LearningRate = options.Get("--value-lr", 1e-4), Lambda = options.Get("--gae-lambda", 0.95), EpochsPerUpdate = options.Get("--value-epochs", 2) })
            : null;
        var estimator = learned ?? AdvantageEstimators.Create(algorithm, scaleByStd, options.Get("--step-discount", 0.95), options.Get("--step-group-weight", 1.0), reward: reward);
        Console.WriteLine($"gridworld (single room, {stepLimit}-step limit); context: last {context.MaxTurns} turn(s){(context.PastActions > 0 ? $" and {context.PastActions} action(s) before them" : "")}; {estimator.Name} {(scaleByStd ? "mean-std" : "mean")} advantages{(algorithm == AdvantageEstimators.Grpo ? $" of the {reward.ToString().ToLowerInvariant()}" : "")}, {aggregation} loss, lr {learningRate}, KL β {kl}, penalties {invalidPenalty} per rejected action and {revisitPenalty} per revisit{(progressShaping > 0 ? $", progress shaping {progressShaping} a step" : "")}{(negativeScale != 1 ? $", negative advantages × {negativeScale}" : "")}{(progressingTurnBlame != 1 ? $", blame × {progressingTurnBlame} on turns that made progress" : "")}{(sharedStart ? ", groups share their start" : "")}{(trainStepLimit != stepLimit ? $", training episodes limited to {trainStepLimit} steps" : "")}{(maxTurns > 0 ? $", cut after {maxTurns} turns" : "")}{(stallTurns > 0 ? $", or after {stallTurns} turns without getting closer" : "")}, seed {seed}");
        Console.WriteLine($"tokenizer {tokenizer.VocabularySize} tokens; model {model.ParameterCount:N0} parameters; {(baseModel.Losses.Count == 0 ? "a cached base" : $"{baseModel.DemonstrationTurns} cloned turns from {demos} demonstrations (noise {noise}) and {daggerRounds} DAgger round(s){(daggerLabelNoise > 0 ? $" with label noise {daggerLabelNoise}" : "")}; BC loss {baseModel.Losses[0]:F3} -> {baseModel.Losses[^1]:F3}")}; {clock.Elapsed.TotalSeconds:F0} s");

        var sampling = new SamplingOptions { Temperature = 1.0, MaxNewTokens = 6 };
        var runner = new EpisodeRunner(model, context, sampling);
        var evaluator = new Evaluator(runner, environment);
        var validationTasks = options.Get("--validation-tasks", 200);
        double SuccessOn(Evaluator with, int tasks) => with.Evaluate(TaskSplit.Validation, tasks, samplesPerTask: 1, ks: [1], new DeterministicRandom(3), batchSize: 100).SuccessRate;
        double SuccessOf(Evaluator with) => SuccessOn(with, validationTasks);
        double Success() => SuccessOf(evaluator);
        var baseSuccess = Success();
        // --final-tasks N also measures the base and the final model on N validation tasks (the split has 1,000): two
        // measurements of one model on 200 tasks can differ by 5 points or more, which is the size of the effects sought.
        var finalTasks = options.Get("--final-tasks", 1000);
        var wide = finalTasks != validationTasks;
        var baseWide = wide ? SuccessOn(evaluator, finalTasks) : baseSuccess;
        var greedy = SuccessOf(new Evaluator(new EpisodeRunner(model, context, sampling with { Greedy = true }), environment));
        Console.WriteLine($"base model: validation success {baseSuccess:P0} sampling at T=1, {greedy:P0} greedy ({validationTasks} tasks){(wide ? $"; {baseWide:P1} on {finalTasks} tasks" : "")}; {clock.Elapsed.TotalSeconds:F0} s");
        // --temperatures 0.7,0.5 also measures the base and final models sampling cooler: a reactive policy that still
        // hesitates at T = 1 loses episodes to random slips, and greedy decoding loses them to loops.
        var temperatures = options.Text("--temperatures", "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToList();
        void ReportTemperatures(string which)
        {
            if (temperatures.Count > 0)
            {
                Console.WriteLine($"{which}: {string.Join(", ", temperatures.Select(t => $"{SuccessOf(new Evaluator(new EpisodeRunner(model, context, sampling with { Temperature = t }), environment)):P0} at T = {t}"))}");
            }
        }

        ReportTemperatures("base model");
        var byMission = options.Get("--by-mission", 0) == 1;
        // --show-failures 1 prints one failed validation episode per mission kind, of the base and of the final model.
        var showFailures = options.Get("--show-failures", 0) == 1 ? tokenizer : null;
        if (byMission)
        {
            Console.WriteLine($"base model by mission: {MissionBreakdown.Describe(runner, environment, validationTasks, 5, showFailures)}");
        }

        using var reference = new PolicyModel(model.Config);
        reference.LoadStateDict(model.StateDict());
        var ppo = new PpoOptions
        {
            Schedule = new LearningRateSchedule(learningRate, options.Get("--warmup-steps", 20), options.Get("--decay-steps", 400)),
            KlCoefficient = kl,
            EntropyCoefficient = options.Get("--entropy", 0.0),
            TokenBudget = options.Get("--token-budget", 16384),
            Epochs = options.Get("--epochs", 1),
            Aggregation = aggregation,
            ClipAroundCurrentPolicy = options.Get("--decoupled", 0) == 1,
        };
        using var trainer = new PolicyTrainer(model, ppo.KlCoefficient > 0 ? reference : null, ppo, tokenizer.Special.Padding);
        // --seed fixes the training tasks and the sampler (validation draws do not depend on it), so a recipe can run on other seeds.
        var random = new DeterministicRandom((ulong)seed);
        var trainTasks = environment().Splits.TaskIds(TaskSplit.Train).ToList();
        var (tasksPerIteration, groupSize) = (options.Get("--tasks", 16), options.Get("--group", 8));
        // With --overlap the next iteration's rollouts run on their own copy of the weights while the learner trains on
        // this one's (one version behind; the clipped ratio against the recorded log-probs corrects for it), so the two
        // phases share the two cores. Run it with OPENBLAS_NUM_THREADS=1: two threads each asking BLAS for two more
        // threads only contend.
        var overlap = options.Get("--overlap", 0) == 1;
        var replay = options.Get("--replay", 0.0) is > 0 and var fraction && sharedStart
            ? new TaskReplay(new TaskReplayOptions { Fraction = fraction, Capacity = options.Get("--replay-capacity", 256), Temperature = options.Get("--replay-temperature", 0.3) })
            : null;
        // --balance 1 draws training tasks by mission kind, weighted by how much each kind's groups still disagree;
        // --balance-by-share 0 leaves each kind's share of the tasks out of its weight (with --balance-floor 1: uniform over kinds).
        var curriculum = options.Get("--balance", 0) == 1
            ? new CategoryCurriculum(
                MissionBreakdown.KindsOf(environment(), trainTasks),
                new CategoryCurriculumOptions { Floor = options.Get("--balance-floor", 0.1), WeighByTaskShare = options.Get("--balance-by-share", 1) == 1 })
            : null;
        var expertEnvironment = new GridworldEnvironment(new GridworldOptions { StepLimit = trainStepLimit });
        // --success-replay N trains each update on up to N earlier successes again, those whose group mostly failed
        // (self-imitation), each in --success-replays updates within --success-age of its own.
        var successReplay = options.Get("--success-replay", 0) is > 0 and var perUpdate
            ? new SuccessReplay(new SuccessReplayOptions { PerUpdate = perUpdate, Replays = options.Get("--success-replays", 2), MaxAge = options.Get("--success-age", 8) })
            : null;
        // --hindsight A adds each episode that reached a goal its mission did not ask for, rewritten up to that turn as
        // that goal's success, with advantage A per point of its score. --hindsight-goals pick-up,put-next says which:
        // picking up an unnamed object (the default), dropping the carried object next to another.
        var hindsightGoals = options.Text("--hindsight-goals", "pick-up").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Aggregate(GridworldHindsightGoals.None, (all, goal) => all | (Enum.TryParse<GridworldHindsightGoals>(goal.Replace("-", ""), ignoreCase: true, out var parsed)
                ? parsed
                : throw new ArgumentException($"Unknown --hindsight-goals '{goal}'; use pick-up, put-next or both, comma-separated.")));
        var hindsight = options.Get("--hindsight", 0.0) is > 0 and var hindsightAdvantage
            ? new HindsightRelabelling(new GridworldHindsight(new GridworldOptions { StepLimit = trainStepLimit }, hindsightGoals), model, tokenizer, hindsightAdvantage)
            : null;
        // --milestones W adds W × the share of its mission's milestones each rollout reached to its score (successes
        // reach them all): failures that found their target or picked up what they were to carry rank above the rest.
        var milestones = options.Get("--milestones", 0.0) is > 0 and var milestoneWeight ? new MilestoneBonus(new GridworldMilestones(), milestoneWeight) : null;
        var credit = new GroupedUpdateOptions
        {
            Milestones = milestones,
            NegativeAdvantageScale = negativeScale,
            ProgressingTurnBlame = progressingTurnBlame,
            InvalidActionPenalty = invalidPenalty,
            RevisitPenalty = revisitPenalty,
            ProgressShaping = progressShaping,
            SuccessReplay = successReplay,
            Hindsight = hindsight,
        };
        // --average D also keeps an exponential moving average of the weights (D kept per iteration) and measures it at the end.
        var averageDecay = options.Get("--average", 0.0);
        using var average = averageDecay > 0 ? new WeightAverage(model, averageDecay) : null;
        using var actor = overlap ? new PolicyModel(model.Config) : null;
        var actorRunner = actor is null ? runner : new EpisodeRunner(actor, context, sampling);
        var environmentSets = Enumerable.Range(0, overlap ? 2 : 1)
            .Select(_ => Enumerable.Range(0, tasksPerIteration * groupSize).Select(_ => (IEnvironment)new GridworldEnvironment(new GridworldOptions { StepLimit = trainStepLimit })).ToList()).ToList();
        var trainingTurns = maxTurns > 0 ? maxTurns : int.MaxValue;
        var stallLimit = stallTurns > 0 ? stallTurns : int.MaxValue;

        // Plans an iteration's episodes now; the returned function gives their trajectories (played then, or ahead).
        (Func<IReadOnlyList<Trajectory>> Play, int Replayed, int Demonstrated, int FromFailures) StartRollouts(int iteration)
        {
            var environments = environmentSets[iteration % environmentSets.Count];
            // A group shares its start (task and seed): GRPO compares rollouts of one prompt, so they must begin alike.
            // With --replay some groups play again starts whose earlier groups disagreed.
            var replayed = replay is null ? [] : replay.Choose(replay.ReplaysFor(tasksPerIteration), iteration, random);
            var starts = replayed.Select(start => (Task: start.TaskId, start.Seed))
                .Concat(Enumerable.Range(replayed.Count, tasksPerIteration - replayed.Count)
                    .Select(_ => (Task: curriculum?.Next(random) ?? trainTasks[random.Next(trainTasks.Count)], Seed: sharedStart ? random.Next(1 << 20) : -1)))
                .ToList();
            var demonstrated = (int)Math.Round(demonstrationShare * (tasksPerIteration - replayed.Count));
            var failed = (int)Math.Round(failureShare * (tasksPerIteration - replayed.Count));
            var cells = starts.Select((start, t) => (t - replayed.Count) switch
            {
                < 0 => null,
                var fresh when fresh < demonstrated => DemonstrationStarts.Choose(expertEnvironment, start.Task, start.Seed, random),
                var fresh when fresh < demonstrated + failed => failureStarts!.Next(expertEnvironment, random),
                _ => null,
            }).ToList();
            // A group started from a failure's state plays that failure's task and seed, not the one drawn for it.
            var episodes = starts.SelectMany((start, t) => Enumerable.Range(0, groupSize)
                .Select(g => new EpisodeStart(environments[t * groupSize + g], cells[t]?.TaskId ?? start.Task, cells[t]?.Seed ?? (sharedStart ? start.Seed : g), cells[t]))).ToList();
            var fromDemonstrations = cells.Take(replayed.Count + demonstrated).Count(c => c is not null);
            var fromFailures = cells.Count(c => c is not null) - fromDemonstrations;
            if (!overlap)
            {
                return (() => runner.Run(episodes, random, iteration, trainingTurns, stallTurns: stallLimit), replayed.Count, fromDemonstrations, fromFailures);
            }

            actor!.LoadStateDict(model.StateDict());
            var sampler = new DeterministicRandom((ulong)random.Next(int.MaxValue));
            var ahead = Task.Run(() => actorRunner.Run(episodes, sampler, iteration, trainingTurns, stallTurns: stallLimit));
            return (() => ahead.Result, replayed.Count, fromDemonstrations, fromFailures);
        }

        if (iterations == 0)
        {
            return; // --iterations 0 measures (or builds and caches) the base only: there is no final model to measure
        }

        var best = baseSuccess;
        var grpoClock = Stopwatch.StartNew();
        var pending = StartRollouts(1);
        for (var iteration = 1; iteration <= iterations && grpoClock.Elapsed.TotalMinutes < minutes; iteration++)
        {
            var phase = Stopwatch.StartNew();
            var (trajectories, replays, demonstrated, fromFailures) = (pending.Play(), pending.Replayed, pending.Demonstrated, pending.FromFailures);
            var rolloutSeconds = phase.Elapsed.TotalSeconds;
            phase.Restart();
            replay?.RecordGroups(trajectories, groupSize, iteration);
            var drawn = curriculum is null ? "" : $", drawn {string.Join(" ", curriculum.Categories.Zip(curriculum.Probabilities(), (c, p) => string.Create(CultureInfo.InvariantCulture, $"{c} {p:P0}")))}";
            curriculum?.RecordGroups(trajectories, groupSize);
            failureStarts?.Record(trajectories);
            if (overlap && iteration < iterations)
            {
                pending = StartRollouts(iteration + 1);
            }

            var (trained, metrics, diagnostics) = GroupedUpdate.Apply(trainer, estimator, trajectories, groupSize, credit);
            average?.Update();
            var line = string.Create(CultureInfo.InvariantCulture,
                $"iteration {iteration,3}: rollout success {trajectories.Average(t => t.Success ? 1.0 : 0.0),4:P0} ({trajectories.Sum(t => t.Turns.Count)} turns of {trajectories.SelectMany(t => t.Turns).Average(t => t.ContextTokens.Length):F0} context tokens, {trajectories.SelectMany(t => t.Turns).Average(t => t.Valid ? 0.0 : 1.0):P1} invalid, {trajectories.SelectMany(RevisitPenalty.Revisits).Average(r => r ? 1.0 : 0.0):P1} revisits, progress {trajectories.SelectMany(t => t.Turns).Average(t => t.Progress):F2} a turn, {DistinctRows.Find(trajectories.SelectMany(t => t.Turns).Select(t => t.ContextTokens).ToList(), trajectories.SelectMany(t => t.Turns).Select(t => t.ActionTokens).ToList()).Representatives.Length} distinct, {rolloutSeconds:F0} s), trained on {trained - Count(diagnostics, SuccessReplay.ReplayedDiagnostic) - Count(diagnostics, HindsightRelabelling.RelabelledDiagnostic)} of {trajectories.Count}");
            line += drawn;
            if (demonstrationShare > 0)
            {
                line += $", {demonstrated} groups from the expert's path";
            }

            if (failureStarts is not null)
            {
                line += $", {fromFailures} groups from failures";
            }

            if (replay is not null)
            {
                line += $", {replays} groups replayed, {replay.Count} starts kept";
            }

            if (metrics is not null)
            {
                line += string.Create(CultureInfo.InvariantCulture,
                    $", KL(ref) {metrics.KlToReference:F4}, entropy {metrics.Entropy:F3}, clip {metrics.ClipFraction:P1}, {metrics.MiniBatches} steps ({phase.Elapsed.TotalSeconds:F0} s)");
            }

            foreach (var (name, value) in diagnostics)
            {
                line += string.Create(CultureInfo.InvariantCulture, $", {name} {value:G3}");
            }

            if (!overlap)
            {
                pending = StartRollouts(iteration + 1);
            }

            if (iteration % 5 == 0)
            {
                // Measuring is not training: the GRPO clock stops meanwhile (and rollouts running ahead finish first).
                if (overlap)
                {
                    pending.Play();
                }

                grpoClock.Stop();
                var success = Success();
                best = Math.Max(best, success);
                line += $" | validation success {success:P0}";
                if (byMission)
                {
                    line += $" ({MissionBreakdown.Describe(runner, environment, validationTasks, 5)})";
                }

                grpoClock.Start();
            }

            Console.WriteLine($"{line}; GRPO {grpoClock.Elapsed.TotalSeconds:F0} s");
        }

        if (overlap)
        {
            pending.Play(); // the actor's weights must outlive the rollouts that ran ahead
        }

        grpoClock.Stop(); // the final measurements are not training time
        var finalSuccess = Success();
        ReportTemperatures("final model");
        if (options.Text("--save", "") is { Length: > 0 } folder)
        {
            BaseModelCache.Save(folder, baseModel);
        }

        if (byMission)
        {
            Console.WriteLine($"final model by mission: {MissionBreakdown.Describe(runner, environment, validationTasks, 5, showFailures)}");
        }

        if (wide)
        {
            var finalWide = SuccessOn(evaluator, finalTasks);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"on {finalTasks} validation tasks: base {baseWide:P1} -> final {finalWide:P1} ({(finalWide - baseWide) * 100:+0.0;-0.0} points)"));
        }

        if (average is not null)
        {
            var averaged = SuccessOn(new Evaluator(new EpisodeRunner(average.Model, context, sampling), environment), finalTasks);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"on {finalTasks} validation tasks, the weights averaged with decay {averageDecay}: {averaged:P1} ({(averaged - baseWide) * 100:+0.0;-0.0} points)"));
        }

        Console.WriteLine($"base {baseSuccess:P0} -> final {finalSuccess:P0} (best {Math.Max(best, finalSuccess):P0}) after {grpoClock.Elapsed.TotalMinutes:F1} min of GRPO ({clock.Elapsed.TotalMinutes:F1} min in all)");
    }

    /// <summary>The count an update reported under <paramref name="name"/> (rollouts it added beside the batch), or 0.</summary>
    private static int Count(IReadOnlyDictionary<string, double> diagnostics, string name) =>
        diagnostics.TryGetValue(name, out var count) ? (int)count : 0;
}
