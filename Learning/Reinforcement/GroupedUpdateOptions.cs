using AgentRL.Learning.Exploration;

namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// What a <see cref="GroupedUpdate"/> lays over the estimator's advantages, in the order it applies them: score shaping
/// before advantages (<see cref="Bonus"/>, <see cref="Milestones"/>), then scaling of the estimator's blame
/// (<see cref="NegativeAdvantageScale"/>, <see cref="ProgressingTurnBlame"/>), then turn-level terms (penalties and
/// shaping), then extra rollouts (<see cref="SuccessReplay"/>, <see cref="Hindsight"/>). Every default leaves the
/// estimator's advantages as they are.
/// </summary>
public sealed record GroupedUpdateOptions
{
    /// <summary>Nothing laid over the estimator's advantages.</summary>
    public static GroupedUpdateOptions None { get; } = new();

    /// <summary>Shapes the groups' scores before anything else sees them, whichever the algorithm.</summary>
    public RepresentationBonus? Bonus { get; init; }

    /// <summary>Adds to each rollout's score a share of the task's milestones it reached, before advantages (mean progress of the failures under <see cref="MilestoneBonus.ProgressDiagnostic"/>).</summary>
    public MilestoneBonus? Milestones { get; init; }

    /// <summary>Multiplies the estimator's negative advantages, before the turn-level terms (see <see cref="Reinforcement.NegativeAdvantageScaling"/>); 1: off.</summary>
    public double NegativeAdvantageScale { get; init; } = 1;

    /// <summary>The share of a negative advantage kept on turns that brought their episode closer to the goal (see <see cref="Reinforcement.ProgressingTurnBlame"/>); 1: off.</summary>
    public double ProgressingTurnBlame { get; init; } = 1;

    /// <summary>Taken off the advantage of every turn the environment rejected (see <see cref="Reinforcement.InvalidActionPenalty"/>); 0: off.</summary>
    public double InvalidActionPenalty { get; init; }

    /// <summary>Taken off the advantage of every turn that led back to a state its episode had been in (see <see cref="Reinforcement.RevisitPenalty"/>); 0: off.</summary>
    public double RevisitPenalty { get; init; }

    /// <summary>Added to each turn's advantage per step its action brought the environment closer to the goal (see <see cref="Reinforcement.ProgressShaping"/>); 0: off.</summary>
    public double ProgressShaping { get; init; }

    /// <summary>Keeps the batch's rare successes and adds earlier ones to the update (counted in Trained, and under <see cref="SuccessReplay.ReplayedDiagnostic"/>).</summary>
    public SuccessReplay? SuccessReplay { get; init; }

    /// <summary>Adds the batch's episodes rewritten as successes of the goals they reached unasked (counted in Trained, and under <see cref="HindsightRelabelling.RelabelledDiagnostic"/>).</summary>
    public HindsightRelabelling? Hindsight { get; init; }
}
