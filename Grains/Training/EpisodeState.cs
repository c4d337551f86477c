using AgentRL.Learning.Trajectories;

namespace AgentRL.Grains.Training;

/// <summary>A finished episode as persisted: what was asked and the trajectory it produced.</summary>
[GenerateSerializer]
public sealed class EpisodeState
{
    public EpisodeRequest? Request { get; set; }

    public Trajectory? Trajectory { get; set; }

    public DateTimeOffset Finished { get; set; }
}
