"""Test-set evaluation in inference mode: accuracy, mean loss, per-class accuracy and
the confusion matrix (rows = true class, columns = predicted class)."""

import torch
import torch.nn.functional as F

CLASSES = 10
BATCH = 1000


@torch.inference_mode()
def evaluate(model: torch.nn.Module, images: torch.Tensor, labels: torch.Tensor, test_time_flip: str | None) -> dict:
    """`images` normalised [N, 1, 28, 28] on the model's device. With test-time flip,
    each image's softmax is averaged with its flip's and the loss is the negative log
    of that average."""
    was_training = model.training
    model.eval()
    total_loss = torch.zeros((), dtype=torch.float64, device=labels.device)
    predictions = []
    for start in range(0, len(images), BATCH):
        batch, truth = images[start : start + BATCH], labels[start : start + BATCH]
        logits = model(batch)
        if test_time_flip is None:
            log_probs = F.log_softmax(logits, dim=1)
        else:
            flipped = model(batch.flip(-2 if test_time_flip == "rows" else -1))
            log_probs = torch.log((F.softmax(logits, dim=1) + F.softmax(flipped, dim=1)) / 2)
        total_loss += F.nll_loss(log_probs, truth, reduction="sum").double()
        predictions.append(log_probs.argmax(dim=1))
    model.train(was_training)
    predicted = torch.cat(predictions)
    confusion = torch.bincount(labels * CLASSES + predicted, minlength=CLASSES * CLASSES).reshape(CLASSES, CLASSES).cpu()
    per_class = confusion.diag().double() / confusion.sum(dim=1).clamp(min=1).double()
    return {
        "testAccuracy": confusion.diag().sum().item() / len(labels),
        "testLoss": total_loss.item() / len(labels),
        "perClassAccuracy": per_class.tolist(),
        "confusionMatrix": confusion.tolist(),
    }
