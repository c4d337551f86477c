namespace AgentRL.Environments.Shop;

/// <summary>A customer review on the reviews page.</summary>
internal sealed record ProductReview(int Stars, string Text);
