"""The misclassified images a checkpoint names: real mistakes on the evaluated images, the
most confident first, the same every time, and nothing else in the result changed by them."""

import torch
import torch.nn.functional as F

from engine.evaluate import MISCLASSIFIED_SHOWN, evaluate
from engine.model import build_model
from engine.train import normalise_pixels

from .conftest import tiny_spec, train_in_process
from .test_training import run_cli


def trained_model(fashion, spec):
    """A few SGD steps on 512 images: good enough to be right often and wrong sometimes."""
    torch.manual_seed(0)
    model = build_model(spec)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
    images = normalise_pixels(fashion.train_images[:512], "scale")
    for start in range(0, 512, 32):
        loss = F.cross_entropy(model(images[start : start + 32]), fashion.train_labels[start : start + 32])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return model


def test_the_named_images_are_the_most_confident_mistakes_and_change_no_other_number(fashion):
    torch.set_num_threads(2)
    spec = tiny_spec()
    model = trained_model(fashion, spec)
    images, labels = normalise_pixels(fashion.test_images[:600], "scale"), fashion.test_labels[:600]
    result = evaluate(model, images, labels, None)

    model.eval()
    with torch.inference_mode():
        log_probs = F.log_softmax(model(images), dim=1)
    predicted = log_probs.argmax(dim=1)
    wrong = (predicted != labels).nonzero().squeeze(1)
    assert len(wrong) > MISCLASSIFIED_SHOWN
    # The accuracy and the confusion matrix are those of the plain predictions.
    assert result["testAccuracy"] == (predicted == labels).sum().item() / 600
    assert sum(result["confusionMatrix"][i][i] for i in range(10)) == 600 - len(wrong)

    named = result["misclassified"]
    assert len(named) == MISCLASSIFIED_SHOWN
    for item in named:
        assert item["label"] == labels[item["index"]].item() and item["predicted"] == predicted[item["index"]].item() != item["label"]
    confidence = [log_probs[item["index"], item["predicted"]].item() for item in named]
    assert confidence == sorted(confidence, reverse=True)
    least_shown = confidence[-1]
    assert all(log_probs[i, predicted[i]].item() <= least_shown for i in wrong.tolist() if i not in {item["index"] for item in named})
    assert evaluate(model, images, labels, None) == result


def test_asking_for_none_names_none_and_the_rest_is_identical(fashion):
    torch.set_num_threads(2)
    model = trained_model(fashion, tiny_spec())
    images, labels = normalise_pixels(fashion.test_images[:300], "scale"), fashion.test_labels[:300]
    with_names, without = evaluate(model, images, labels, "cols"), evaluate(model, images, labels, "cols", 0)
    assert without["misclassified"] == [] and len(with_names["misclassified"]) == MISCLASSIFIED_SHOWN
    assert {k: v for k, v in with_names.items() if k != "misclassified"} == {k: v for k, v in without.items() if k != "misclassified"}


def test_a_development_run_names_no_images_because_its_evaluation_images_are_training_images():
    code, messages = run_cli(tiny_spec(), "--budgets", "1", "--train-limit", "64")
    checkpoint = next(m for m in messages if m["type"] == "checkpoint")
    assert code == 0 and messages[0]["evaluation"] == "development" and checkpoint["misclassified"] == []


def test_a_test_set_checkpoint_names_its_mistakes_by_index_into_the_test_set(fashion):
    checkpoint = next(m for m in train_in_process(tiny_spec(), fashion, [1], train=512, test=400) if m["type"] == "checkpoint")
    named = checkpoint["misclassified"]
    assert len(named) == MISCLASSIFIED_SHOWN
    assert all(0 <= item["index"] < 400 and item["label"] == fashion.test_labels[item["index"]].item() != item["predicted"] for item in named)
