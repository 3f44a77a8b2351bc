namespace DataBridge.Testing.Support;

/// <summary>Awaits a condition with a deadline instead of sleeping: tests never hang and never race a fixed delay.</summary>
public static class Eventually
{
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what, TimeSpan? poll = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for: {what}");
            }

            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(50)).ConfigureAwait(false);
        }
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, TimeSpan? poll = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for: {what}");
            }

            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(50)).ConfigureAwait(false);
        }
    }
}
