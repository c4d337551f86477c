namespace AgentRL.Runtime;

/// <summary>
/// Overrides the default response timeout (MessagingOptions.ResponseTimeout, 30 s) for one grain interface method,
/// given as a <see cref="TimeSpan"/> string such as "00:05:00".
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class ResponseTimeoutAttribute(string timeout) : Attribute
{
    public TimeSpan Timeout { get; } = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture);
}
