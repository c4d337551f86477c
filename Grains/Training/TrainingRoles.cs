namespace AgentRL.Grains.Training;

/// <summary>Silo roles the training grains are placed by (a silo takes them from AgentRL:Silo:Roles or <c>agentrl silo --role</c>).</summary>
public static class TrainingRoles
{
    /// <summary>The silo that should host learners: the one with the GPU.</summary>
    public const string Learner = "learner";
}
