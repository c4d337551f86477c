namespace AgentRL.Environments.Shop;

/// <summary>
/// The reward of a purchase: r = TypeFactor · Matched / Total, where Total = #goal attributes + #goal options + 1
/// (the price) and Matched counts the goal items the purchase satisfies.
/// </summary>
internal readonly record struct ShopScore(double TypeFactor, int Matched, int Total)
{
    public double Value => TypeFactor * Matched / Total;

    public bool Success => TypeFactor == 1 && Matched == Total;
}
