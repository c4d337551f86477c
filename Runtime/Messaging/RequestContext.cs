namespace AgentRL.Runtime.Messaging;

/// <summary>The request the current code runs on behalf of; flows across awaits with the execution context.</summary>
internal static class RequestContext
{
    private static readonly AsyncLocal<CallChainLink?> CurrentLink = new();

    public static CallChainLink? Current => CurrentLink.Value;

    public static CallChainLink? Enter(CallChainLink link)
    {
        var previous = CurrentLink.Value;
        CurrentLink.Value = link;
        return previous;
    }

    public static void Restore(CallChainLink? previous)
    {
        if (!ReferenceEquals(CurrentLink.Value, previous))
        {
            CurrentLink.Value = previous;
        }
    }
}
