using System.Runtime.InteropServices;
using System.Text;

namespace DataBridge.Bridge.Outbox;

/// <summary>The outbox device on a real directory; <see cref="IOutboxFile.Flush"/> is fsync(2).</summary>
public sealed class FileSystemOutboxDevice : IOutboxDevice
{
    private const string TempSuffix = ".tmp";

    /// <summary>Uses (and creates) <paramref name="directory"/>.</summary>
    public FileSystemOutboxDevice(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>The directory holding the outbox files.</summary>
    public string Directory { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> ListFiles()
    {
        var names = new List<string>();
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory))
        {
            names.Add(Path.GetFileName(path));
        }

        return names;
    }

    /// <inheritdoc/>
    public IOutboxFile Open(string name, bool create) =>
        new FileSystemOutboxFile(new FileStream(
            PathOf(name),
            create ? FileMode.OpenOrCreate : FileMode.Open,
            FileAccess.ReadWrite,
            FileShare.ReadWrite | FileShare.Delete,
            bufferSize: 0));

    /// <inheritdoc/>
    public void Delete(string name) => File.Delete(PathOf(name));

    /// <inheritdoc/>
    public byte[]? ReadAll(string name)
    {
        var path = PathOf(name);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    /// <inheritdoc/>
    public void ReplaceAtomically(string name, ReadOnlySpan<byte> content)
    {
        var temp = PathOf(name + TempSuffix);
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, PathOf(name), overwrite: true);
        FlushDirectory();
    }

    /// <inheritdoc/>
    public void FlushDirectory()
    {
        // POSIX: a new or renamed directory entry is durable only after fsync of the directory itself; .NET cannot open a
        // directory as a FileStream, hence the direct calls. Windows makes metadata durable with the file flush.
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var path = Encoding.UTF8.GetBytes(Directory + "\0");
        var fd = NativeMethods.Open(path, 0);
        if (fd < 0)
        {
            throw new IOException($"Could not open the outbox directory '{Directory}' to flush it (errno {Marshal.GetLastPInvokeError()}). Check its permissions.");
        }

        try
        {
            if (NativeMethods.Fsync(fd) != 0)
            {
                throw new IOException($"fsync of the outbox directory '{Directory}' failed (errno {Marshal.GetLastPInvokeError()}). Check the disk.");
            }
        }
        finally
        {
            _ = NativeMethods.Close(fd);
        }
    }

    private string PathOf(string name) => Path.Combine(Directory, name);

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Open(byte[] path, int flags);

        [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Fsync(int fd);

        [DllImport("libc", EntryPoint = "close", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Close(int fd);
    }

    private sealed class FileSystemOutboxFile(FileStream stream) : IOutboxFile
    {
        public long Length => RandomAccess.GetLength(stream.SafeFileHandle);

        public int Read(long offset, Span<byte> destination)
        {
            var total = 0;
            while (total < destination.Length)
            {
                var n = RandomAccess.Read(stream.SafeFileHandle, destination[total..], offset + total);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }

            return total;
        }

        public void Write(long offset, ReadOnlySpan<byte> source) => RandomAccess.Write(stream.SafeFileHandle, source, offset);

        public void Flush() => stream.Flush(flushToDisk: true);

        public void SetLength(long length) => RandomAccess.SetLength(stream.SafeFileHandle, length);

        public void Dispose() => stream.Dispose();
    }
}
