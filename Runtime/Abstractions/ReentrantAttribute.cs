namespace AgentRL.Runtime;

/// <summary>
/// Lets requests to this grain class interleave at await points. Turns still never run in parallel:
/// an activation executes one piece of code at a time.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ReentrantAttribute : Attribute;
