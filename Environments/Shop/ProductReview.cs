namespace AgentRL.Environments.Shop;

/// <summary>A customer review on the reviews page.</summary>
public sealed record ProductReview(int Stars, string Text);
