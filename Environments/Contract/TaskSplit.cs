namespace AgentRL.Environments;

public enum TaskSplit
{
    Train,
    Validation,
    Test,
}
