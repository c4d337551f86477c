namespace AgentRL.Runtime;

/// <summary>
/// One long-poll answer from an <see cref="UpdateFeed{T}"/>: the updates after the sequence number the caller
/// gave, the sequence number to ask from next, whether the feed has ended, and how many older updates the caller
/// missed because the feed had already dropped them.
/// </summary>
[WireCodec(typeof(Observers.FeedPageCodec<>))]
public sealed record FeedPage<T>(IReadOnlyList<T> Items, long NextSequence, bool Completed, long Missed);
