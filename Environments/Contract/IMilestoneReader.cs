namespace AgentRL.Environments;

/// <summary>
/// Optional for environments whose tasks pass through milestones on the way to success (the target seen, the object to
/// carry picked up): reads how far an episode got, so that among failures one that got somewhere can be told from one
/// that got nowhere.
/// </summary>
public interface IMilestoneReader
{
    /// <summary>
    /// The share of its task's milestones the episode reached, in [0, 1): milestones reached over their number plus
    /// one (success itself is the last). <paramref name="observations"/> holds, per turn, the observation its action
    /// brought.
    /// </summary>
    double Progress(IReadOnlyList<string> observations);
}
