namespace AgentRL.Environments.Shop;

/// <summary>The page an episode is on; the byte values are part of the snapshot format.</summary>
internal enum ShopPage : byte
{
    Search = 0,
    Results = 1,
    Item = 2,
    Description = 3,
    Features = 4,
    Reviews = 5,
}
