"""The first convolution and the max-pool after it as one CPU op (kernels/conv_pool.c
says why). `FusedConvPool` holds the two PyTorch modules unchanged — the same
parameters, initialised the same way — and runs them as plain ops wherever the
kernel does not apply: on CUDA, without a C compiler, or when the input needs a
gradient (it is only fused as the network's first layer)."""

import ctypes
import functools
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.modules.utils import _pair

from .analysis import conv_output_size
from .native import library


class Geometry(ctypes.Structure):
    _fields_ = [(name, ctypes.c_int) for name in ("xh", "xw", "c", "k", "stride", "dil", "oh", "ow", "size", "pstride", "ppad", "ph", "pw")]


@functools.cache
def _declare_arguments(lib: ctypes.CDLL) -> ctypes.CDLL:
    """`lib` with its two functions' argument types declared, once per loaded library."""
    pointer, count = ctypes.c_void_p, ctypes.c_int
    lib.conv_pool_forward.argtypes = [ctypes.POINTER(Geometry), pointer, pointer, pointer, pointer, pointer, count]
    lib.conv_pool_backward.argtypes = [ctypes.POINTER(Geometry), pointer, pointer, pointer, pointer, pointer, count]
    return lib


def _kernel() -> ctypes.CDLL | None:
    lib = library("conv_pool")
    return None if lib is None else _declare_arguments(lib)


def _loaded_kernel() -> ctypes.CDLL:
    """The kernel, in _ConvPool, which runs only where FusedConvPool found it loaded."""
    lib = _kernel()
    if lib is None:
        raise RuntimeError("the conv_pool kernel is not loaded")
    return lib


def _address(tensor: torch.Tensor | None) -> int | None:
    return None if tensor is None else tensor.data_ptr()


def _padded_channels(channels: int) -> int:
    return (channels + 7) // 8 * 8


class _ConvPool(torch.autograd.Function):
    @staticmethod
    def forward(ctx: Any, images: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None, geometry: Geometry, padding: int) -> torch.Tensor:
        count, channels, taps = len(images), weight.shape[0], weight.shape[2] * weight.shape[3]
        padded = _padded_channels(channels)
        kernel = weight.new_zeros(taps, padded)
        kernel[:, :channels] = weight.detach().reshape(channels, taps).t()
        shift = None if bias is None else torch.cat([bias.detach(), bias.new_zeros(padded - channels)])
        inputs = F.pad(images.reshape(count, images.shape[2], images.shape[3]), (padding,) * 4).contiguous()
        pooled = torch.empty((count, channels, geometry.ph, geometry.pw), memory_format=torch.channels_last)
        where = torch.empty((count, geometry.ph, geometry.pw, channels), dtype=torch.uint8)
        _loaded_kernel().conv_pool_forward(
            ctypes.byref(geometry), _address(inputs), _address(kernel), _address(shift), _address(pooled), _address(where), count
        )
        ctx.save_for_backward(inputs, where)
        ctx.geometry, ctx.weight_shape, ctx.has_bias = geometry, weight.shape, bias is not None
        return pooled

    @staticmethod
    def backward(ctx: Any, grad: torch.Tensor) -> tuple[None, torch.Tensor, torch.Tensor | None, None, None]:
        inputs, where = ctx.saved_tensors
        channels, height, width = ctx.weight_shape[0], ctx.weight_shape[2], ctx.weight_shape[3]
        padded = _padded_channels(channels)
        grad = grad.contiguous(memory_format=torch.channels_last)
        weight_grad, bias_grad = grad.new_empty(height * width, padded), grad.new_empty(padded)
        _loaded_kernel().conv_pool_backward(
            ctypes.byref(ctx.geometry), _address(inputs), _address(grad), _address(where), _address(weight_grad), _address(bias_grad), len(inputs)
        )
        weight_grad = weight_grad[:, :channels].t().reshape(ctx.weight_shape)
        return None, weight_grad, bias_grad[:channels] if ctx.has_bias else None, None, None


class FusedConvPool(nn.Module):
    def __init__(self, conv: nn.Conv2d, pool: nn.MaxPool2d):
        super().__init__()
        if not isinstance(conv.padding, tuple):
            raise ValueError(f"the kernel needs the convolution's padding as a number, not {conv.padding!r}")
        self.conv, self.pool = conv, pool
        self.padding: int = conv.padding[0]

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        # nn.Module calls and autograd.Function.apply are unannotated in torch (Any).
        if not self._fusable(images):
            return self.pool(self.conv(images))  # type: ignore[no-any-return]
        return _ConvPool.apply(images, self.conv.weight, self.conv.bias, self._geometry(images), self.padding)  # type: ignore[no-any-return,no-untyped-call]

    def _fusable(self, images: torch.Tensor) -> bool:
        float32 = images.dtype == self.conv.weight.dtype == torch.float32
        return images.device.type == "cpu" and float32 and not images.requires_grad and _kernel() is not None

    def _geometry(self, images: torch.Tensor) -> Geometry:
        conv, pool = self.conv, self.pool
        kernel, stride, padding, dilation = conv.kernel_size[0], conv.stride[0], self.padding, conv.dilation[0]
        out_height, out_width = (conv_output_size(side, kernel, stride, padding, dilation) for side in images.shape[2:])
        window, pool_stride, pool_padding = _pair(pool.kernel_size)[0], _pair(pool.stride)[0], _pair(pool.padding)[0]
        pooled_height, pooled_width = (conv_output_size(side, window, pool_stride, pool_padding) for side in (out_height, out_width))
        height, width = images.shape[2] + 2 * padding, images.shape[3] + 2 * padding
        return Geometry(
            height, width, conv.out_channels, kernel, stride, dilation, out_height, out_width, window, pool_stride, pool_padding, pooled_height, pooled_width
        )


def fuse_first_conv_pool(modules: list[nn.Module]) -> list[nn.Module]:
    """The network's first two modules as one FusedConvPool when they are a
    single-input-channel convolution and a max-pool that the kernel covers."""
    if len(modules) < 2:
        return modules
    conv, pool = modules[0], modules[1]
    if not (type(conv) is nn.Conv2d and type(pool) is nn.MaxPool2d):
        return modules
    square = all(
        len(set(_pair(value))) == 1 for value in (conv.kernel_size, conv.stride, conv.padding, conv.dilation, pool.kernel_size, pool.stride, pool.padding)
    )
    # A window position is stored in a byte: windows up to 15 × 15 (the spec allows 8).
    simple = (
        conv.in_channels == 1
        and conv.groups == 1
        and conv.padding_mode == "zeros"
        and _pair(pool.dilation) == (1, 1)
        and not pool.ceil_mode
        and _pair(pool.kernel_size)[0] <= 15
    )
    if not (square and simple and isinstance(conv.padding, tuple)):
        return modules
    return [FusedConvPool(conv, pool), *modules[2:]]


def runs_kernel(network: nn.Sequential, device: torch.device) -> bool:
    """Whether training `network` on `device` runs the C kernel: the CPU, a kernel that
    built, and a first conv + max-pool that `fuse_first_conv_pool` fused."""
    return device.type == "cpu" and any(isinstance(module, FusedConvPool) for module in network) and _kernel() is not None


def unfused(network: nn.Sequential) -> nn.Sequential:
    """The same network, sharing its parameters, with a FusedConvPool back as its two
    plain PyTorch modules."""
    return nn.Sequential(*(part for module in network for part in ((module.conv, module.pool) if isinstance(module, FusedConvPool) else (module,))))
