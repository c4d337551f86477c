namespace AgentRL.Environments;

/// <summary>Task ids by split, as consecutive fixed ranges: train [0, train), validation next, test last.</summary>
[GenerateSerializer]
public sealed record TaskSplits([property: Id(0)] int TrainCount, [property: Id(1)] int ValidationCount, [property: Id(2)] int TestCount)
{
    public int Count => TrainCount + ValidationCount + TestCount;

    public int FirstId(TaskSplit split) => split switch
    {
        TaskSplit.Train => 0,
        TaskSplit.Validation => TrainCount,
        TaskSplit.Test => TrainCount + ValidationCount,
        _ => throw new ArgumentOutOfRangeException(nameof(split)),
    };

    public int CountOf(TaskSplit split) => split switch
    {
        TaskSplit.Train => TrainCount,
        TaskSplit.Validation => ValidationCount,
        TaskSplit.Test => TestCount,
        _ => throw new ArgumentOutOfRangeException(nameof(split)),
    };

    /// <summary>The task ids of <paramref name="split"/>, in order.</summary>
    public IEnumerable<int> TaskIds(TaskSplit split) => Enumerable.Range(FirstId(split), CountOf(split));

    public TaskSplit SplitOf(int taskId) =>
        taskId < 0 || taskId >= Count ? throw new ArgumentOutOfRangeException(nameof(taskId), taskId, $"Task ids run from 0 to {Count - 1}.")
        : taskId < TrainCount ? TaskSplit.Train
        : taskId < TrainCount + ValidationCount ? TaskSplit.Validation
        : TaskSplit.Test;
}
