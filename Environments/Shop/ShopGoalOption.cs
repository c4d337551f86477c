namespace AgentRL.Environments.Shop;

/// <summary>An option value an instruction asks for, with the group it belongs to ("size", "9").</summary>
internal readonly record struct ShopGoalOption(string Group, string Value);
