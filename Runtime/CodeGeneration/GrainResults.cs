namespace AgentRL.Runtime.CodeGeneration;

/// <summary>Adapts grain method return values to the <see cref="ValueTask{TResult}"/> requests produce.</summary>
public static class GrainResults
{
    public static ValueTask<TResult> FromTask<TResult>(Task<TResult> task) => new(task);

    public static ValueTask<Unit> FromTask(Task task) =>
        task.IsCompletedSuccessfully ? default : AwaitAsync(task);

    public static ValueTask<Unit> FromValueTask(ValueTask task) =>
        task.IsCompletedSuccessfully ? default : AwaitAsync(task.AsTask());

    private static async ValueTask<Unit> AwaitAsync(Task task)
    {
        await task;
        return default;
    }
}
