namespace AgentRL.Environments.Grains;

/// <summary>Environment grain keys: "name/instance".</summary>
public static class EnvironmentGrainKey
{
    public static string Format(string environment, string instance) => $"{environment}/{instance}";

    public static (string Environment, string Instance) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 || slash == key.Length - 1
            ? throw new ArgumentException($"'{key}' is not an environment grain key; expected \"name/instance\", e.g. \"gridworld/1\".", nameof(key))
            : (key[..slash], key[(slash + 1)..]);
    }
}
