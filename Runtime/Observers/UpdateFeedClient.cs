using System.Runtime.CompilerServices;

namespace AgentRL.Runtime;

/// <summary>Turns a grain's long-poll method into a live stream of updates.</summary>
public static class UpdateFeedClient
{
    /// <summary>
    /// Polls <paramref name="poll"/> (typically <c>(from, wait, ct) =&gt; grain.WatchAsync(from, wait, ct)</c>) and
    /// yields each update once, in order, until the feed completes or <paramref name="cancellationToken"/> fires.
    /// </summary>
    public static async IAsyncEnumerable<T> WatchAsync<T>(
        Func<long, TimeSpan, CancellationToken, Task<FeedPage<T>>> poll,
        TimeSpan? pollWait = null,
        long fromSequence = 1,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var wait = pollWait ?? TimeSpan.FromSeconds(10);
        var next = fromSequence;
        while (true)
        {
            var page = await poll(next, wait, cancellationToken);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            next = page.NextSequence;
            if (page.Completed)
            {
                yield break;
            }
        }
    }
}
