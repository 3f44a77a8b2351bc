namespace DataBridge.Bridge.Outbox;

/// <summary>
/// The storage the outbox runs on: one flat directory of named files. <see cref="FileSystemOutboxDevice"/> is the real one;
/// tests wrap it to inject faults and to model power loss (files cut back to their last flushed length).
/// </summary>
public interface IOutboxDevice
{
    /// <summary>Names of the files in the directory (no paths).</summary>
    IReadOnlyList<string> ListFiles();

    /// <summary>Opens a file for positional reads and writes; creates it (empty) when <paramref name="create"/> is true.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist and <paramref name="create"/> is false.</exception>
    IOutboxFile Open(string name, bool create);

    /// <summary>Deletes a file if it exists.</summary>
    void Delete(string name);

    /// <summary>Returns the whole content of a small file, or null when it does not exist.</summary>
    byte[]? ReadAll(string name);

    /// <summary>Replaces a small file atomically and durably: write a temporary file, flush it, rename over, flush the directory.</summary>
    void ReplaceAtomically(string name, ReadOnlySpan<byte> content);

    /// <summary>Makes file creations, renames and deletions in the directory durable.</summary>
    void FlushDirectory();
}

/// <summary>An open file of an <see cref="IOutboxDevice"/>.</summary>
public interface IOutboxFile : IDisposable
{
    /// <summary>Current length in bytes.</summary>
    long Length { get; }

    /// <summary>Reads up to <c>destination.Length</c> bytes at <paramref name="offset"/>; returns the count (0 at end of file).</summary>
    int Read(long offset, Span<byte> destination);

    /// <summary>Writes all of <paramref name="source"/> at <paramref name="offset"/>.</summary>
    void Write(long offset, ReadOnlySpan<byte> source);

    /// <summary>Flushes written bytes to stable storage (fsync); only flushed bytes are promised to survive power loss.</summary>
    void Flush();

    /// <summary>Truncates or extends the file.</summary>
    void SetLength(long length);
}
