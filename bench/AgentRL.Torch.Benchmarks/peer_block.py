# The PyTorch peer of TransformerBlock.cs: the same block, the same step, the same thread count.
# Run with Debian's interpreter (/usr/bin/python3), whose python3-torch uses the same libtorch 1.13.
import json, math, sys, time
import torch

def main():
    batch, length, dim, heads, hidden, steps, threads = (int(a) for a in sys.argv[1:8])
    torch.set_num_threads(threads)
    torch.manual_seed(0)

    class Block(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.attention_norm_weight = torch.nn.Parameter(torch.ones(dim))
            self.query = torch.nn.Linear(dim, dim, bias=False)
            self.key = torch.nn.Linear(dim, dim, bias=False)
            self.value = torch.nn.Linear(dim, dim, bias=False)
            self.output = torch.nn.Linear(dim, dim, bias=False)
            self.mlp_norm_weight = torch.nn.Parameter(torch.ones(dim))
            self.gate = torch.nn.Linear(dim, hidden, bias=False)
            self.up = torch.nn.Linear(dim, hidden, bias=False)
            self.down = torch.nn.Linear(hidden, dim, bias=False)

        @staticmethod
        def rms(x, w):
            return x * torch.rsqrt(x.square().mean(-1, keepdim=True) + 1e-6) * w

        def forward(self, x):
            b, l, d = x.shape
            n = self.rms(x, self.attention_norm_weight)
            heads_of = lambda t: t.reshape(b, l, heads, d // heads).transpose(1, 2)
            q, k, v = heads_of(self.query(n)), heads_of(self.key(n)), heads_of(self.value(n))
            scores = q @ k.transpose(-2, -1) / math.sqrt(d // heads)
            mask = torch.ones(l, l, dtype=torch.bool).triu(1)
            attended = torch.softmax(scores.masked_fill(mask, float("-inf")), -1) @ v
            h = x + self.output(attended.transpose(1, 2).reshape(b, l, d))
            m = self.rms(h, self.mlp_norm_weight)
            return h + self.down(torch.nn.functional.silu(self.gate(m)) * self.up(m))

    block = Block()
    optimizer = torch.optim.AdamW(block.parameters(), lr=1e-4, weight_decay=0.01)
    x = torch.randn(batch, length, dim)

    def step():
        optimizer.zero_grad()
        block(x).square().mean().backward()
        optimizer.step()

    for _ in range(2):
        step()
    started = time.perf_counter()
    for _ in range(steps):
        step()
    print(json.dumps({"ms_per_step": (time.perf_counter() - started) * 1000 / steps, "threads": torch.get_num_threads()}))

main()
