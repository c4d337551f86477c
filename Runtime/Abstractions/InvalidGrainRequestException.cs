namespace AgentRL.Runtime;

/// <summary>
/// The silo refused a request it could not understand: an unknown grain interface or method, a key of the wrong
/// form, or arguments that do not decode.
/// </summary>
public sealed class InvalidGrainRequestException(string message) : Exception(message);
