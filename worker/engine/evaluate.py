"""Test-set evaluation in inference mode: accuracy, mean loss, per-class accuracy, the
confusion matrix (rows = true class, columns = predicted class) and the few images the
model is most confidently wrong about."""

from typing import Any

import torch
import torch.nn.functional as F

from .spec_types import Axis

CLASSES = 10
BATCH = 1000
# Misclassified images a result names (index into the evaluated images, true and predicted label).
MISCLASSIFIED_SHOWN = 8


@torch.inference_mode()
def evaluate(
    model: torch.nn.Module, images: torch.Tensor, labels: torch.Tensor, test_time_flip: Axis | None, misclassified: int = MISCLASSIFIED_SHOWN
) -> dict[str, Any]:
    """`images` normalised [N, 1, 28, 28] on the model's device. With test-time flip,
    each image's softmax is averaged with its flip's and the loss is the negative log
    of that average. `misclassified`: how many wrong images to name, the most confident
    mistakes first (ties by index), so the same predictions always name the same images."""
    was_training = model.training
    model.eval()
    total_loss = torch.zeros((), dtype=torch.float64, device=labels.device)
    predictions, confidences = [], []
    for start in range(0, len(images), BATCH):
        batch, truth = images[start : start + BATCH], labels[start : start + BATCH]
        logits = model(batch)
        if test_time_flip is None:
            log_probs = F.log_softmax(logits, dim=1)
        else:
            flipped = model(batch.flip(-2 if test_time_flip == "rows" else -1))
            log_probs = torch.log((F.softmax(logits, dim=1) + F.softmax(flipped, dim=1)) / 2)
        total_loss += F.nll_loss(log_probs, truth, reduction="sum").double()
        predicted = log_probs.argmax(dim=1)
        predictions.append(predicted)
        confidences.append(log_probs.gather(1, predicted.unsqueeze(1)).squeeze(1))
    model.train(was_training)
    predicted = torch.cat(predictions)
    wrong = (predicted != labels).nonzero().squeeze(1).cpu()
    # Stable sort over indices already in ascending order: equal confidences keep index order.
    by_confidence = torch.sort(torch.cat(confidences).cpu()[wrong], descending=True, stable=True).indices
    shown = wrong[by_confidence[:misclassified]].tolist()
    confusion = torch.bincount(labels * CLASSES + predicted, minlength=CLASSES * CLASSES).reshape(CLASSES, CLASSES).cpu()
    per_class = confusion.diag().double() / confusion.sum(dim=1).clamp(min=1).double()
    return {
        "testAccuracy": confusion.diag().sum().item() / len(labels),
        "testLoss": total_loss.item() / len(labels),
        "perClassAccuracy": per_class.tolist(),
        "confusionMatrix": confusion.tolist(),
        "misclassified": [{"index": i, "label": int(labels[i]), "predicted": int(predicted[i])} for i in shown],
    }
