using DataBridge.Bridge.Outbox;

namespace DataBridge.Testing.Outbox;

/// <summary>
/// An outbox device on a real directory that remembers, per file, how many bytes the last fsync made durable and whether
/// a new file's directory entry was flushed. <see cref="SimulatePowerLoss"/> then does what a power cut may do: every open
/// handle dies, unflushed bytes vanish (or, with a random source, a random prefix of them survives: a torn write), and
/// files whose creation was never flushed disappear or come back empty. It can also fail writes to model a broken disk.
/// </summary>
public sealed class PowerLossDevice : IOutboxDevice
{
    private readonly FileSystemOutboxDevice _inner;
    private readonly object _gate = new();
    private readonly Dictionary<string, long> _durableLength = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unflushedEntries = new(StringComparer.Ordinal);
    private int _generation;
    private volatile bool _dead;

    public PowerLossDevice(string directory)
    {
        _inner = new FileSystemOutboxDevice(directory);
        foreach (var name in _inner.ListFiles())
        {
            using var f = _inner.Open(name, create: false);
            _durableLength[name] = f.Length;
        }
    }

    public string Directory => _inner.Directory;

    /// <summary>When set, every write and flush throws (a failing disk).</summary>
    public bool FailWrites { get; set; }

    /// <summary>Number of fsyncs of segment files so far.</summary>
    public int Flushes { get; private set; }

    public IReadOnlyList<string> ListFiles() => _inner.ListFiles();

    public IOutboxFile Open(string name, bool create)
    {
        ThrowIfFailing();
        lock (_gate)
        {
            var exists = File.Exists(Path.Combine(Directory, name));
            var file = _inner.Open(name, create);
            if (!exists)
            {
                _unflushedEntries.Add(name);
                _durableLength[name] = 0;
            }

            return new TrackedFile(this, name, file, _generation);
        }
    }

    public void Delete(string name)
    {
        ThrowIfFailing();
        lock (_gate)
        {
            _inner.Delete(name);
            _durableLength.Remove(name);
            _unflushedEntries.Remove(name);
        }
    }

    public byte[]? ReadAll(string name) => _inner.ReadAll(name);

    public void ReplaceAtomically(string name, ReadOnlySpan<byte> content)
    {
        lock (_gate)
        {
            ThrowIfFailing();
            _inner.ReplaceAtomically(name, content);
            _durableLength[name] = content.Length;
        }
    }

    public void FlushDirectory()
    {
        lock (_gate)
        {
            ThrowIfFailing();
            _inner.FlushDirectory();
            _unflushedEntries.Clear();
        }
    }

    /// <summary>Durable length of a file as far as this device knows (what survives <see cref="SimulatePowerLoss"/> without tearing).</summary>
    public long DurableLength(string name)
    {
        lock (_gate)
        {
            return _durableLength.TryGetValue(name, out var n) ? n : 0;
        }
    }

    /// <summary>
    /// Cuts the power: this device and its open handles stop working for good (create a new device on the same directory
    /// to model the reboot); each file keeps its durable bytes plus, when <paramref name="tear"/>
    /// is given, a random part of the unflushed bytes. Returns the number of unflushed bytes thrown away.
    /// </summary>
    public long SimulatePowerLoss(Random? tear = null)
    {
        lock (_gate)
        {
            _generation++;
            long lost = 0;
            foreach (var name in _inner.ListFiles())
            {
                var path = Path.Combine(Directory, name);
                if (_unflushedEntries.Contains(name) && (tear is null || tear.Next(2) == 0))
                {
                    lost += new FileInfo(path).Length;
                    File.Delete(path);
                    _durableLength.Remove(name);
                    continue;
                }

                var durable = _durableLength.TryGetValue(name, out var d) ? d : 0;
                var length = new FileInfo(path).Length;
                if (length > durable)
                {
                    var keep = tear is null ? durable : durable + tear.NextInt64(length - durable + 1);
                    using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
                    stream.SetLength(keep);
                    lost += length - keep;
                    _durableLength[name] = keep;
                }
            }

            _unflushedEntries.Clear();
            _dead = true;
            return lost;
        }
    }

    private void ThrowIfFailing()
    {
        if (_dead)
        {
            throw new IOException("Power lost: this device belongs to a crashed process; open a new one to model the reboot.");
        }

        if (FailWrites)
        {
            throw new IOException("Injected disk failure");
        }
    }

    private sealed class TrackedFile(PowerLossDevice owner, string name, IOutboxFile inner, int generation) : IOutboxFile
    {
        public long Length
        {
            get
            {
                ThrowIfDead();
                return inner.Length;
            }
        }

        public int Read(long offset, Span<byte> destination)
        {
            ThrowIfDead();
            return inner.Read(offset, destination);
        }

        public void Write(long offset, ReadOnlySpan<byte> source)
        {
            owner.ThrowIfFailing();
            lock (owner._gate)
            {
                // Under the device lock so no write of a "crashed" process lands after the power cut.
                ThrowIfDead();
                inner.Write(offset, source);
            }
        }

        public void Flush()
        {
            ThrowIfDead();
            owner.ThrowIfFailing();
            lock (owner._gate)
            {
                ThrowIfDead();
                inner.Flush();
                owner._durableLength[name] = inner.Length;
                owner.Flushes++;
            }
        }

        public void SetLength(long length)
        {
            lock (owner._gate)
            {
                ThrowIfDead();
                inner.SetLength(length);
                if (owner._durableLength.TryGetValue(name, out var d) && d > length)
                {
                    owner._durableLength[name] = length;
                }
            }
        }

        public void Dispose() => inner.Dispose();

        private void ThrowIfDead()
        {
            if (owner._dead || Volatile.Read(ref owner._generation) != generation)
            {
                throw new IOException("Power lost: this handle belongs to a crashed process.");
            }
        }
    }
}
