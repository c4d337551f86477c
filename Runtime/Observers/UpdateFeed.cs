namespace AgentRL.Runtime;

/// <summary>
/// How clients watch a grain live: the grain publishes updates to a feed it owns, and exposes a long-poll method
/// (mark it [AlwaysInterleave]) that returns <see cref="ReadAsync"/>. Clients turn that method into an
/// <see cref="IAsyncEnumerable{T}"/> with <see cref="UpdateFeedClient.WatchAsync{T}"/>. Long polls work through any
/// gateway and survive reconnects, with no callback channel into the client; a slow watcher misses the oldest
/// updates (reported in <see cref="FeedPage{T}.Missed"/>) rather than growing the grain's memory.
/// Use it only from its grain's turns (it is not thread-safe, and needs no locks there).
/// </summary>
public sealed class UpdateFeed<T>(int capacity = 1024)
{
    private readonly Queue<T> _items = new();
    private long _firstSequence = 1;
    private TaskCompletionSource? _changed;

    /// <summary>The sequence number the next published update will get.</summary>
    public long NextSequence => _firstSequence + _items.Count;

    public bool IsCompleted { get; private set; }

    /// <summary>Appends an update and wakes waiting readers; returns its sequence number.</summary>
    public long Publish(T item)
    {
        if (IsCompleted)
        {
            throw new InvalidOperationException("The feed has completed; no more updates can be published.");
        }

        _items.Enqueue(item);
        if (_items.Count > capacity)
        {
            _items.Dequeue();
            _firstSequence++;
        }

        Wake();
        return NextSequence - 1;
    }

    /// <summary>Marks the end of the feed; readers receive what is left and then <c>Completed = true</c>.</summary>
    public void Complete()
    {
        IsCompleted = true;
        Wake();
    }

    /// <summary>
    /// Returns the updates numbered from <paramref name="fromSequence"/> on, waiting up to <paramref name="maxWait"/>
    /// for at least one if there are none yet.
    /// </summary>
    public async Task<FeedPage<T>> ReadAsync(long fromSequence, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        if (fromSequence >= NextSequence && !IsCompleted && maxWait > TimeSpan.Zero)
        {
            _changed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            try
            {
                await _changed.Task.WaitAsync(maxWait, cancellationToken);
            }
            catch (TimeoutException)
            {
                // An empty page tells the caller to poll again.
            }
        }

        var start = Math.Max(fromSequence, _firstSequence);
        var items = _items.Skip((int)Math.Min(start - _firstSequence, _items.Count)).ToArray();
        var missed = Math.Max(0, _firstSequence - Math.Max(fromSequence, 1));
        return new FeedPage<T>(items, start + items.Length, IsCompleted && start + items.Length >= NextSequence, missed);
    }

    private void Wake()
    {
        var changed = _changed;
        _changed = null;
        changed?.TrySetResult();
    }
}
